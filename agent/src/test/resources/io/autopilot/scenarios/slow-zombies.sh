# A job that keeps making orphans (test_reap_zombies' slow-zombies): each ( … & ) subshell exits at once, so its
# sleep is reparented to PID 1. $1: the work folder.
while :; do
  ( sleep 0.5 & )
  ( sleep 0.5 & )
  echo loop >> "$1/slow-zombies.runs"
  sleep 0.3
done
