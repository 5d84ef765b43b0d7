# Prints $3 lines of 1 MiB each and records how each line's writer ended: "tr 141" would mean the agent closed the
# pipe and SIGPIPE killed it; the shell itself would then die on its next write. $1: the work folder, $2: a name.
i=0
while [ "$i" -lt "$3" ]; do
  head -c 1048576 /dev/zero | tr '\0' x
  echo "tr $?" >> "$1/$2.status"
  echo
  i=$((i + 1))
done
echo done >> "$1/$2.status"
