# An app that records when it is asked to stop. $1: the work folder; $2: "ignore" to ignore SIGTERM.
if [ "$2" = ignore ]; then
  trap 'echo app-term-ignored >> "$1/events"' TERM
else
  trap 'echo app-term >> "$1/events"; exit 0' TERM
fi
echo app-ready >> "$1/events"
while :; do sleep 0.1; done
