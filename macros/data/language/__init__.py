"""The words a maintainer reads: one catalog of messages, each in Indonesian and English."""
