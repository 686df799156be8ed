complete --keep-order --exclusive --command hsadmin --arguments "(COMPLETE=fish hsadmin -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
