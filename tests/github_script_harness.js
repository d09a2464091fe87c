// Runs the script of an actions/github-script step against a fake GitHub API, as the action
// would (an async function of github, context and core), and prints the API calls as JSON.
// Usage: node github_script_harness.js SCRIPT_FILE EVENT_FILE
// EVENT_FILE: {"payload": <issues event>, "existing_labels": ["name", ...]}
"use strict";

const fs = require("fs");

const [scriptFile, eventFile] = process.argv.slice(2);
const script = fs.readFileSync(scriptFile, "utf8");
const event = JSON.parse(fs.readFileSync(eventFile, "utf8"));

const calls = [];
const logs = [];
const repositoryLabels = new Set((event.existing_labels || []).map((name) => name.toLowerCase()));

function failure(status) {
  const error = new Error(`HTTP ${status}`);
  error.status = status;
  return error;
}

function endpoint(name, behaviour) {
  return async (parameters) => {
    calls.push([name, parameters]);
    if (behaviour) behaviour(parameters);
    return { status: 200, data: {} };
  };
}

const github = {
  rest: {
    issues: {
      createLabel: endpoint("createLabel", ({ name }) => {
        if (repositoryLabels.has(name.toLowerCase())) throw failure(422);
        repositoryLabels.add(name.toLowerCase());
      }),
      addLabels: endpoint("addLabels"),
      removeLabel: endpoint("removeLabel"),
    },
  },
};
const core = {
  info: (message) => logs.push(["info", message]),
  warning: (message) => logs.push(["warning", message]),
};
const context = { payload: event.payload, repo: { owner: "kota", repo: "rencana" } };

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
new AsyncFunction("github", "context", "core", script)(github, context, core)
  .then(() => process.stdout.write(JSON.stringify({ calls, logs })))
  .catch((error) => {
    process.stderr.write(String(error && error.stack ? error.stack : error));
    process.exit(1);
  });
