"""Upload and delete jobs: uploads checked and staged (``uploads``), queued and kept on disk (``queue``, ``store``),
each run in a killable process of its own (``worker``) doing one action (``actions``), an upload swapped in only
if it ingests (``swap``). Nothing is re-exported here, so the job's child process imports only what it runs."""
