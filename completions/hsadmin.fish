# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_hsadmin_global_optspecs
    string join \n config= ledger= json o/output= no-headers no-pager q/quiet v/verbose no-apply color= h/help V/version
end

function __fish_hsadmin_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_hsadmin_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_hsadmin_using_subcommand
    set -l cmd (__fish_hsadmin_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c hsadmin -n "__fish_hsadmin_needs_command" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_needs_command" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_needs_command" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_needs_command" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_needs_command" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "init" -d 'Create a new, empty ledger'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "config" -d 'Show the configuration in effect'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "log" -d 'Show the audit log: every change, who made it and with which command'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "member" -d 'Members of the cooperative'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "share" -d 'Cooperative shares of a member (64 EUR each)'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "asset" -d 'The asset account (paid-in capital) of a member'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "server" -d 'Managed servers'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "catalog" -d 'Products and their prices'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "package" -d 'Webspace packages'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "user" -d 'Unix users of packages'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "cron" -d 'Cron jobs of Unix users'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "domain" -d 'Domains set up on packages: web server, document roots, subdomains'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "plan" -d 'Show what `apply` would change on the servers (reads them, changes nothing)'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "apply" -d 'Bring the servers in line with the ledger: one session and one script per server, in parallel'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "doctor" -d 'Check the config, the ledger (integrity, schema, file mode, references) and the SSH credentials'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "ledger" -d 'The ledger file itself: a consistent backup copy'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "util" -d 'Shell completions and man pages'
complete -c hsadmin -n "__fish_hsadmin_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand init" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand init" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand init" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand init" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand init" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand init" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand init" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand init" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand init" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand init" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand init" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and not __fish_seen_subcommand_from show help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and not __fish_seen_subcommand_from show help" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and not __fish_seen_subcommand_from show help" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and not __fish_seen_subcommand_from show help" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and not __fish_seen_subcommand_from show help" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and not __fish_seen_subcommand_from show help" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and not __fish_seen_subcommand_from show help" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and not __fish_seen_subcommand_from show help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and not __fish_seen_subcommand_from show help" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and not __fish_seen_subcommand_from show help" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Show the configuration in effect, where it came from, and the ledger path'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and __fish_seen_subcommand_from show" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and __fish_seen_subcommand_from show" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and __fish_seen_subcommand_from show" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and __fish_seen_subcommand_from show" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the configuration in effect, where it came from, and the ledger path'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand log" -l since -d 'Only entries on or after this date (YYYY-MM-DD, UTC)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand log" -l entity -d 'Only entries about one kind of thing: member, share_tx, asset_tx, server, product, price, package, unix_user, cron_job, domain' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand log" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand log" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand log" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand log" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand log" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand log" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand log" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand log" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand log" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand log" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand log" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand log" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -f -a "add" -d 'Add a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -f -a "list" -d 'List members'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -f -a "show" -d 'Show a member with shares, assets and packages'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -f -a "update" -d 'Change a member\'s contact, tax or billing details'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -f -a "leave" -d 'End a membership (all packages must end by then)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -f -a "statement" -d 'List a member\'s share and asset movements with running balances'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and not __fish_seen_subcommand_from add list show update leave statement help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l number -d 'Member number (10000-99999)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l prefix -d 'Package prefix: three lower-case letters, unique' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l since -d 'Date the membership begins (YYYY-MM-DD) [default: today]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l name -d 'Full name of the person or organisation' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l kind -d 'person or organisation [default on add: person]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l email -d 'Contact e-mail address' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l phone -d 'Contact phone number' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l street -d 'Street and number' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l zipcode -d 'Postal code' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l city -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l country -d 'Country of the postal address (ISO code, like DE)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l vat-id -d 'VAT identification number (like DE123456789)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l vat-country -d 'Country the member pays VAT in (ISO code, like DE)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l vat-reverse-charge -d 'EU business customer billed under reverse charge' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l fee-billable -d 'Whether the monthly membership fee is billed [default on add: true]' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l billable -d 'Whether the member is billed at all [default on add: true]' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from list" -l status -d 'Only members with this status' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from list" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from list" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from list" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from list" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from list" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from list" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from list" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from show" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from show" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from show" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from show" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from show" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from show" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from show" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l name -d 'Full name of the person or organisation' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l kind -d 'person or organisation [default on add: person]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l email -d 'Contact e-mail address' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l phone -d 'Contact phone number' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l street -d 'Street and number' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l zipcode -d 'Postal code' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l city -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l country -d 'Country of the postal address (ISO code, like DE)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l vat-id -d 'VAT identification number (like DE123456789)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l vat-country -d 'Country the member pays VAT in (ISO code, like DE)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l vat-reverse-charge -d 'EU business customer billed under reverse charge' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l fee-billable -d 'Whether the monthly membership fee is billed [default on add: true]' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l billable -d 'Whether the member is billed at all [default on add: true]' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l status -d 'Membership status: ACTIVE, CANCELLED, TRANSFERRED, DECEASED, LIQUIDATED, EXPULSED' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -l date -d 'Last day of the membership (YYYY-MM-DD)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -l status -d 'Why the membership ends: CANCELLED, TRANSFERRED, DECEASED, LIQUIDATED, EXPULSED' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -s y -l yes -d 'Do not ask for confirmation'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from leave" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from statement" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from statement" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from statement" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from statement" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from statement" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from statement" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from statement" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from statement" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from statement" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from statement" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from statement" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from statement" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from help" -f -a "list" -d 'List members'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a member with shares, assets and packages'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a member\'s contact, tax or billing details'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from help" -f -a "leave" -d 'End a membership (all packages must end by then)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from help" -f -a "statement" -d 'List a member\'s share and asset movements with running balances'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand member; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -f -a "subscribe" -d 'Subscribe shares for a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -f -a "cancel" -d 'Cancel shares of a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -f -a "revert" -d 'Revert one share entry (books the negated count)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and not __fish_seen_subcommand_from subscribe cancel revert help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -l count -d 'Number of shares (64 EUR each)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -l date -d 'Value date (YYYY-MM-DD)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -l reference -d 'Booking reference, 6 to 48 characters (document or bank reference)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -l comment -d 'Free comment, up to 512 characters' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from subscribe" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -l count -d 'Number of shares (64 EUR each)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -l date -d 'Value date (YYYY-MM-DD)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -l reference -d 'Booking reference, 6 to 48 characters (document or bank reference)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -l comment -d 'Free comment, up to 512 characters' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -l tx -d 'Id of the entry to revert (see `member statement`)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -l date -d 'Value date (YYYY-MM-DD)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -l reference -d 'Booking reference, 6 to 48 characters (document or bank reference)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -l comment -d 'Free comment, up to 512 characters' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from revert" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from help" -f -a "subscribe" -d 'Subscribe shares for a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel shares of a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from help" -f -a "revert" -d 'Revert one share entry (books the negated count)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand share; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -f -a "deposit" -d 'Book money paid in by a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -f -a "disburse" -d 'Book money paid out to a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -f -a "clear" -d 'Book assets set off against the member\'s debts'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -f -a "loss" -d 'Book a share of the cooperative\'s losses'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -f -a "transfer" -d 'Transfer assets to another member (books the matching adoption there)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -f -a "revert" -d 'Revert one asset entry (a transfer\'s adoption is reverted with it)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and not __fish_seen_subcommand_from deposit disburse clear loss transfer revert help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -l amount -d 'Amount in EUR, like 128.00 (always positive; the command gives the direction)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -l date -d 'Value date (YYYY-MM-DD)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -l reference -d 'Booking reference, 6 to 48 characters (document or bank reference)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -l comment -d 'Free comment, up to 512 characters' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from deposit" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -l amount -d 'Amount in EUR, like 128.00 (always positive; the command gives the direction)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -l date -d 'Value date (YYYY-MM-DD)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -l reference -d 'Booking reference, 6 to 48 characters (document or bank reference)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -l comment -d 'Free comment, up to 512 characters' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from disburse" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -l amount -d 'Amount in EUR, like 128.00 (always positive; the command gives the direction)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -l date -d 'Value date (YYYY-MM-DD)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -l reference -d 'Booking reference, 6 to 48 characters (document or bank reference)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -l comment -d 'Free comment, up to 512 characters' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from clear" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -l amount -d 'Amount in EUR, like 128.00 (always positive; the command gives the direction)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -l date -d 'Value date (YYYY-MM-DD)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -l reference -d 'Booking reference, 6 to 48 characters (document or bank reference)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -l comment -d 'Free comment, up to 512 characters' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from loss" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -l to -d 'Member number adopting the assets' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -l amount -d 'Amount in EUR, like 128.00' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -l date -d 'Value date (YYYY-MM-DD)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -l reference -d 'Booking reference, 6 to 48 characters (document or bank reference)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -l comment -d 'Free comment, up to 512 characters' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from transfer" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -l tx -d 'Id of the entry to revert (see `member statement`)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -l date -d 'Value date (YYYY-MM-DD)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -l reference -d 'Booking reference, 6 to 48 characters (document or bank reference)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -l comment -d 'Free comment, up to 512 characters' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from revert" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from help" -f -a "deposit" -d 'Book money paid in by a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from help" -f -a "disburse" -d 'Book money paid out to a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Book assets set off against the member\'s debts'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from help" -f -a "loss" -d 'Book a share of the cooperative\'s losses'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from help" -f -a "transfer" -d 'Transfer assets to another member (books the matching adoption there)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from help" -f -a "revert" -d 'Revert one asset entry (a transfer\'s adoption is reverted with it)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand asset; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -f -a "add" -d 'Add a managed server'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -f -a "list" -d 'List servers'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -f -a "show" -d 'Show a server and the packages on it'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -f -a "update" -d 'Change a server\'s address, port, roles or public addresses (a pinned host key stays)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -f -a "trust" -d 'Fetch a server\'s SSH host key, show its fingerprint, and pin it once confirmed'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -f -a "check" -d 'Check servers: reachability, latency, host key, OS release and the tools hsadmin needs'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -f -a "remove" -d 'Remove a server that hosts no packages'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and not __fish_seen_subcommand_from add list show update trust check remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -l address -d 'SSH address: IP address or host name' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -l port -d 'SSH port' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -l role -d 'Roles, comma-separated: web, dns-primary, dns-secondary, backup' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -l ipv4 -d 'Public IPv4 address (vhosts and DNS A records)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -l ipv6 -d 'Public IPv6 address (DNS AAAA records)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from list" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from list" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from list" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from list" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from list" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from list" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from list" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from show" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from show" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from show" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from show" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from show" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from show" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from show" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -l address -d 'SSH address: IP address or host name' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -l port -d 'SSH port' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -l role -d 'Roles, comma-separated: web, dns-primary, dns-secondary, backup' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -l ipv4 -d 'Public IPv4 address' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -l ipv6 -d 'Public IPv6 address' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from trust" -l fingerprint -d 'Pin the key only if its fingerprint is exactly this (SHA256:…, as `ssh-keygen -lf` prints it)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from trust" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from trust" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from trust" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from trust" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from trust" -l dry-run -d 'Show the key and its fingerprint, pin nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from trust" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from trust" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from trust" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from trust" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from trust" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from trust" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from trust" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from trust" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from check" -l jobs -d 'How many servers to check at once [default: ssh.jobs from the config]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from check" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from check" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from check" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from check" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from check" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from check" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from check" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from check" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from remove" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from remove" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from remove" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from remove" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from remove" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from remove" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from remove" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from remove" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a managed server'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "list" -d 'List servers'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a server and the packages on it'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a server\'s address, port, roles or public addresses (a pinned host key stays)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "trust" -d 'Fetch a server\'s SSH host key, show its fingerprint, and pin it once confirmed'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check servers: reachability, latency, host key, OS release and the tools hsadmin needs'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a server that hosts no packages'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and not __fish_seen_subcommand_from import list help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and not __fish_seen_subcommand_from import list help" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and not __fish_seen_subcommand_from import list help" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and not __fish_seen_subcommand_from import list help" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and not __fish_seen_subcommand_from import list help" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and not __fish_seen_subcommand_from import list help" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and not __fish_seen_subcommand_from import list help" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and not __fish_seen_subcommand_from import list help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and not __fish_seen_subcommand_from import list help" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and not __fish_seen_subcommand_from import list help" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and not __fish_seen_subcommand_from import list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and not __fish_seen_subcommand_from import list help" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and not __fish_seen_subcommand_from import list help" -f -a "import" -d 'Import products and prices from a TOML file (see examples/catalog.toml); re-importing is harmless'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and not __fish_seen_subcommand_from import list help" -f -a "list" -d 'List products with their prices'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and not __fish_seen_subcommand_from import list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from import" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from import" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from import" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from import" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from import" -l dry-run -d 'Validate and show what would change, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from import" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from import" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from import" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from import" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from list" -l date -d 'Show the prices in force on this date (YYYY-MM-DD) [default: today]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from list" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from list" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from list" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from list" -l all -d 'Show every price version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from list" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from list" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from list" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from list" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import products and prices from a TOML file (see examples/catalog.toml); re-importing is harmless'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "list" -d 'List products with their prices'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand catalog; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -f -a "create" -d 'Create a package and its admin user of the same name'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -f -a "list" -d 'List packages'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -f -a "show" -d 'Show a package and its users'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -f -a "update" -d 'Change a package\'s resources or billing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -f -a "cancel" -d 'End a package on a date: its users are locked, sites and cron jobs stop; data stays'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -f -a "purge" -d 'Delete an ended package\'s data on its server for good (users, homes, sites, cron jobs)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and not __fish_seen_subcommand_from create list show update cancel purge help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l member -d 'Member number owning the package' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l product -d 'Webspace product code from the catalog, like DW/SA' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l server -d 'Web server the package lives on' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l webspace-mb -d 'Disk space in MB [default: what the product includes]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l traffic-gb -d 'Monthly traffic in GB [default: what the product includes]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l users -d 'Most Unix users, the admin included [default: what the product includes]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l domains -d 'Most domains [default: what the product includes]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l since -d 'First day of the package (YYYY-MM-DD) [default: today]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l comment -d 'Free comment' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l free -d 'Not billed'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from list" -l member -d 'Only packages of this member' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from list" -l server -d 'Only packages on this server' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from list" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from list" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from list" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from list" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from list" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from list" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from list" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from show" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from show" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from show" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from show" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from show" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from show" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from show" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -l webspace-mb -d 'Disk space in MB [default: what the product includes]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -l traffic-gb -d 'Monthly traffic in GB [default: what the product includes]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -l users -d 'Most Unix users, the admin included [default: what the product includes]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -l domains -d 'Most domains [default: what the product includes]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -l free -d 'Whether the package is billed' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -l comment -d 'Free comment' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from cancel" -l date -d 'Last day of the package (YYYY-MM-DD)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from cancel" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from cancel" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from cancel" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from cancel" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from cancel" -s y -l yes -d 'Do not ask for confirmation'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from cancel" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from cancel" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from cancel" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from cancel" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from cancel" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from cancel" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from purge" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from purge" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from purge" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from purge" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from purge" -s y -l yes -d 'Do not ask for confirmation'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from purge" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from purge" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from purge" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from purge" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from purge" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from purge" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from purge" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from purge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from purge" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a package and its admin user of the same name'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from help" -f -a "list" -d 'List packages'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a package and its users'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a package\'s resources or billing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'End a package on a date: its users are locked, sites and cron jobs stop; data stays'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from help" -f -a "purge" -d 'Delete an ended package\'s data on its server for good (users, homes, sites, cron jobs)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand package; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -f -a "add" -d 'Add a Unix user to a package (named <package>-<name>)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -f -a "list" -d 'List Unix users'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -f -a "show" -d 'Show a Unix user'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -f -a "update" -d 'Change a user\'s shell, quota, lock or password'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -f -a "remove" -d 'Remove a package user and its cron jobs'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and not __fish_seen_subcommand_from add list show update remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -l shell -d 'Login shell: /bin/false, /bin/bash, /bin/csh, /bin/dash, /usr/bin/tcsh, /usr/bin/zsh, /usr/bin/passwd' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -l comment -d 'Free comment (GECOS field)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -l quota-soft-mb -d 'Soft disk quota in MB (0: none)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -l quota-hard-mb -d 'Hard disk quota in MB, at most the package\'s webspace (0: none)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -l password-stdin -d 'Read the password from stdin (one line); it is stored only as a SHA-512 crypt hash'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from list" -l package -d 'Only users of this package' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from list" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from list" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from list" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from list" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from list" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from list" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from list" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from show" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from show" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from show" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from show" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from show" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from show" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from show" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -l shell -d 'Login shell: /bin/false, /bin/bash, /bin/csh, /bin/dash, /usr/bin/tcsh, /usr/bin/zsh, /usr/bin/passwd' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -l comment -d 'Free comment (GECOS field)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -l quota-soft-mb -d 'Soft disk quota in MB (0: none)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -l quota-hard-mb -d 'Hard disk quota in MB, at most the package\'s webspace (0: none)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -l locked -d 'Lock (true) or unlock (false) the login' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -l password-stdin -d 'Read the password from stdin (one line); it is stored only as a SHA-512 crypt hash'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from remove" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from remove" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from remove" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from remove" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from remove" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from remove" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from remove" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from remove" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a Unix user to a package (named <package>-<name>)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "list" -d 'List Unix users'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a Unix user'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a user\'s shell, quota, lock or password'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a package user and its cron jobs'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Add a cron job for a Unix user'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List cron jobs'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Remove a cron job by its id'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -l user -d 'The Unix user the job runs as' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -l schedule -d 'Five-field schedule: minute hour day-of-month month day-of-week, like \'*/5 * * * *\'' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -l command -d 'The command, one line' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from list" -l user -d 'Only jobs of this user' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from list" -l package -d 'Only jobs of the users of this package' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from list" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from list" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from list" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from list" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from list" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from list" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from list" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from remove" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from remove" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from remove" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from remove" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from remove" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from remove" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from remove" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from remove" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a cron job for a Unix user'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from help" -f -a "list" -d 'List cron jobs'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a cron job by its id'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand cron; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -f -a "add" -d 'Set up a domain on a package (web server, document root, subdomains; no registration)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -f -a "update" -d 'Change a domain\'s owner, subdomains or options'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -f -a "remove" -d 'Remove a domain\'s set-up from its package (`delete` is an alias)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -f -a "delete" -d 'Remove a domain\'s set-up from its package (`delete` is an alias)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -f -a "list" -d 'List domains'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -f -a "show" -d 'Show a domain'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and not __fish_seen_subcommand_from add update remove delete list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -l package -d 'The package the domain is set up on' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -l user -d 'The user of the package owning the domain\'s files [default: the package admin]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -l subdomains -d 'Subdomains with their own document root, comma-separated, like blog,shop' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -l cgi -d 'Allow CGI scripts [default on add: false]' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -l php -d 'Run PHP [default on add: true]' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -l indexes -d 'Show directory listings where there is no index file [default on add: true]' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -l https -d 'Serve over HTTPS (and redirect HTTP to it) [default on add: false]' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l user -d 'Hand the domain to another user of its package' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l subdomains -d 'Replace the subdomains: a comma-separated list, like blog,shop (\'\' for none)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l add-subdomain -d 'Add one subdomain (repeatable)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l remove-subdomain -d 'Remove one subdomain (repeatable)' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l cgi -d 'Allow CGI scripts [default on add: false]' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l php -d 'Run PHP [default on add: true]' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l indexes -d 'Show directory listings where there is no index file [default on add: true]' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l https -d 'Serve over HTTPS (and redirect HTTP to it) [default on add: false]' -r -f -a "true\t''
false\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from remove" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from remove" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from remove" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from remove" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from remove" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from remove" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from remove" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from remove" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from delete" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from delete" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from delete" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from delete" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from delete" -l dry-run -d 'Validate and show the result, commit nothing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from delete" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from delete" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from delete" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from delete" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from list" -l package -d 'Only domains of this package' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from list" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from list" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from list" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from list" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from list" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from list" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from list" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from show" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from show" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from show" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from show" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from show" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from show" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from show" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from help" -f -a "add" -d 'Set up a domain on a package (web server, document root, subdomains; no registration)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a domain\'s owner, subdomains or options'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a domain\'s set-up from its package (`delete` is an alias)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from help" -f -a "list" -d 'List domains'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a domain'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand domain; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -l server -d 'Only these servers [default: every server with a role hsadmin manages]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -l role -d 'Only these roles (web, dns-primary, …) [default: every role of each server]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -l jobs -d 'How many servers to work on at once [default: ssh.jobs]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -l detailed-exitcode -d 'Exit 3 when something would change (0 when every server is in line), for drift checks from cron; the plan is the result, not an error'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand plan" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand apply" -l server -d 'Only these servers [default: every server with a role hsadmin manages]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand apply" -l role -d 'Only these roles (web, dns-primary, …) [default: every role of each server]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand apply" -l jobs -d 'How many servers to work on at once [default: ssh.jobs]' -r
complete -c hsadmin -n "__fish_hsadmin_using_subcommand apply" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand apply" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand apply" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand apply" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand apply" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand apply" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand apply" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand apply" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand apply" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand apply" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand apply" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand doctor" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand doctor" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand doctor" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand doctor" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand doctor" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand doctor" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand doctor" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand doctor" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand doctor" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand doctor" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and not __fish_seen_subcommand_from backup help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and not __fish_seen_subcommand_from backup help" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and not __fish_seen_subcommand_from backup help" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and not __fish_seen_subcommand_from backup help" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and not __fish_seen_subcommand_from backup help" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and not __fish_seen_subcommand_from backup help" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and not __fish_seen_subcommand_from backup help" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and not __fish_seen_subcommand_from backup help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and not __fish_seen_subcommand_from backup help" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and not __fish_seen_subcommand_from backup help" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and not __fish_seen_subcommand_from backup help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and not __fish_seen_subcommand_from backup help" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and not __fish_seen_subcommand_from backup help" -f -a "backup" -d 'Copy the ledger to a new file (mode 0600), consistent while other hsadmin processes write'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and not __fish_seen_subcommand_from backup help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and __fish_seen_subcommand_from backup" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and __fish_seen_subcommand_from backup" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and __fish_seen_subcommand_from backup" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and __fish_seen_subcommand_from backup" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and __fish_seen_subcommand_from backup" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and __fish_seen_subcommand_from backup" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and __fish_seen_subcommand_from backup" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and __fish_seen_subcommand_from backup" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and __fish_seen_subcommand_from backup" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and __fish_seen_subcommand_from backup" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and __fish_seen_subcommand_from backup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and __fish_seen_subcommand_from backup" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "backup" -d 'Copy the ledger to a new file (mode 0600), consistent while other hsadmin processes write'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and not __fish_seen_subcommand_from completions man help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and not __fish_seen_subcommand_from completions man help" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and not __fish_seen_subcommand_from completions man help" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and not __fish_seen_subcommand_from completions man help" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and not __fish_seen_subcommand_from completions man help" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and not __fish_seen_subcommand_from completions man help" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and not __fish_seen_subcommand_from completions man help" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and not __fish_seen_subcommand_from completions man help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and not __fish_seen_subcommand_from completions man help" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and not __fish_seen_subcommand_from completions man help" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and not __fish_seen_subcommand_from completions man help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and not __fish_seen_subcommand_from completions man help" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and not __fish_seen_subcommand_from completions man help" -f -a "completions" -d 'Print the completion script for a shell'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and not __fish_seen_subcommand_from completions man help" -f -a "man" -d 'Write man pages (hsadmin.1 and one per subcommand) into a directory'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and not __fish_seen_subcommand_from completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from completions" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from completions" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from completions" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from completions" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from completions" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from completions" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from completions" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from completions" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from completions" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from completions" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from completions" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from man" -l config -d 'Config file [default: $XDG_CONFIG_HOME/hsadmin/hsadmin.toml, then /etc/hsadmin/hsadmin.toml]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from man" -l ledger -d 'Ledger file [default: `ledger` in the config, else $XDG_DATA_HOME/hsadmin/ledger.db]' -r -F
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from man" -s o -l output -d 'How to print the result: table (for people), json, csv, tsv, or name (one name or id a line, for xargs)' -r -f -a "table\t'A table for people (the default)'
json\t'One JSON document (the same as --json)'
csv\t'Comma-separated values with a header line (unless --no-headers)'
tsv\t'Tab-separated values with a header line (unless --no-headers)'
name\t'Only the name or id of each item, one a line'"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from man" -l color -d 'When to colour messages on stderr (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from man" -l json -d 'Print the result as one JSON document on stdout (the same as -o json)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from man" -l no-headers -d 'Print tables, csv and tsv without their header line'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from man" -l no-pager -d 'Never page long tables'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from man" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from man" -s v -l verbose -d 'Print more detail on stderr (repeat for more)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from man" -l no-apply -d 'Change the ledger only; the servers of the change are marked pending until `hsadmin apply`'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from man" -s V -l version -d 'Print version'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from help" -f -a "completions" -d 'Print the completion script for a shell'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from help" -f -a "man" -d 'Write man pages (hsadmin.1 and one per subcommand) into a directory'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand util; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "init" -d 'Create a new, empty ledger'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "config" -d 'Show the configuration in effect'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "log" -d 'Show the audit log: every change, who made it and with which command'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "member" -d 'Members of the cooperative'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "share" -d 'Cooperative shares of a member (64 EUR each)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "asset" -d 'The asset account (paid-in capital) of a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "server" -d 'Managed servers'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "catalog" -d 'Products and their prices'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "package" -d 'Webspace packages'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "user" -d 'Unix users of packages'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "cron" -d 'Cron jobs of Unix users'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "domain" -d 'Domains set up on packages: web server, document roots, subdomains'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "plan" -d 'Show what `apply` would change on the servers (reads them, changes nothing)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "apply" -d 'Bring the servers in line with the ledger: one session and one script per server, in parallel'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "doctor" -d 'Check the config, the ledger (integrity, schema, file mode, references) and the SSH credentials'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "ledger" -d 'The ledger file itself: a consistent backup copy'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "util" -d 'Shell completions and man pages'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and not __fish_seen_subcommand_from init config log member share asset server catalog package user cron domain plan apply doctor ledger util help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Show the configuration in effect, where it came from, and the ledger path'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from member" -f -a "add" -d 'Add a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from member" -f -a "list" -d 'List members'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from member" -f -a "show" -d 'Show a member with shares, assets and packages'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from member" -f -a "update" -d 'Change a member\'s contact, tax or billing details'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from member" -f -a "leave" -d 'End a membership (all packages must end by then)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from member" -f -a "statement" -d 'List a member\'s share and asset movements with running balances'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from share" -f -a "subscribe" -d 'Subscribe shares for a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from share" -f -a "cancel" -d 'Cancel shares of a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from share" -f -a "revert" -d 'Revert one share entry (books the negated count)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from asset" -f -a "deposit" -d 'Book money paid in by a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from asset" -f -a "disburse" -d 'Book money paid out to a member'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from asset" -f -a "clear" -d 'Book assets set off against the member\'s debts'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from asset" -f -a "loss" -d 'Book a share of the cooperative\'s losses'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from asset" -f -a "transfer" -d 'Transfer assets to another member (books the matching adoption there)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from asset" -f -a "revert" -d 'Revert one asset entry (a transfer\'s adoption is reverted with it)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "add" -d 'Add a managed server'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "list" -d 'List servers'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "show" -d 'Show a server and the packages on it'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "update" -d 'Change a server\'s address, port, roles or public addresses (a pinned host key stays)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "trust" -d 'Fetch a server\'s SSH host key, show its fingerprint, and pin it once confirmed'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "check" -d 'Check servers: reachability, latency, host key, OS release and the tools hsadmin needs'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "remove" -d 'Remove a server that hosts no packages'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "import" -d 'Import products and prices from a TOML file (see examples/catalog.toml); re-importing is harmless'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from catalog" -f -a "list" -d 'List products with their prices'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from package" -f -a "create" -d 'Create a package and its admin user of the same name'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from package" -f -a "list" -d 'List packages'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from package" -f -a "show" -d 'Show a package and its users'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from package" -f -a "update" -d 'Change a package\'s resources or billing'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from package" -f -a "cancel" -d 'End a package on a date: its users are locked, sites and cron jobs stop; data stays'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from package" -f -a "purge" -d 'Delete an ended package\'s data on its server for good (users, homes, sites, cron jobs)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "add" -d 'Add a Unix user to a package (named <package>-<name>)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "list" -d 'List Unix users'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "show" -d 'Show a Unix user'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "update" -d 'Change a user\'s shell, quota, lock or password'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "remove" -d 'Remove a package user and its cron jobs'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from cron" -f -a "add" -d 'Add a cron job for a Unix user'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from cron" -f -a "list" -d 'List cron jobs'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from cron" -f -a "remove" -d 'Remove a cron job by its id'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from domain" -f -a "add" -d 'Set up a domain on a package (web server, document root, subdomains; no registration)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from domain" -f -a "update" -d 'Change a domain\'s owner, subdomains or options'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from domain" -f -a "remove" -d 'Remove a domain\'s set-up from its package (`delete` is an alias)'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from domain" -f -a "list" -d 'List domains'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from domain" -f -a "show" -d 'Show a domain'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "backup" -d 'Copy the ledger to a new file (mode 0600), consistent while other hsadmin processes write'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from util" -f -a "completions" -d 'Print the completion script for a shell'
complete -c hsadmin -n "__fish_hsadmin_using_subcommand help; and __fish_seen_subcommand_from util" -f -a "man" -d 'Write man pages (hsadmin.1 and one per subcommand) into a directory'
