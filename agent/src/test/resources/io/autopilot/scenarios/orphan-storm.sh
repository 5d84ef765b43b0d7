# Double-forks $2 sleeps that all become orphans of PID 1 and exit within a few seconds of each other, then says so. $1: the work folder.
i=0
while [ "$i" -lt "$2" ]; do
  ( sleep 3 & )
  i=$((i + 1))
done
echo spawned > "$1/storm.done"
