# The command after "--" under a terminal: reports its process group and the terminal's foreground group (fields 5
# and 8 of /proc/<pid>/stat; "sh" has no space in its name), then reads one line typed at the terminal.
set -- $(cat /proc/$$/stat)
echo "pgrp=$5 tpgid=$8"
read -r line
echo "read:$line"
