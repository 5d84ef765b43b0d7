# Double-forks $2 sleeps that all become orphans of PID 1 and exit about together, then says so. $1: the work folder.
i=0
while [ "$i" -lt "$2" ]; do
  ( sleep 1 & )
  i=$((i + 1))
done
echo spawned > "$1/storm.done"
