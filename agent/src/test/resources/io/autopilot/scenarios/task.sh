# One run of a periodic task (test_tasks): records its start time in nanoseconds; with $2, then works for $2 seconds
# and records that it finished. $1: the task's record file.
echo "start $(date +%s%N)" >> "$1"
if [ -n "$2" ]; then
  sleep "$2"
  echo "finished $(date +%s%N)" >> "$1"
fi
