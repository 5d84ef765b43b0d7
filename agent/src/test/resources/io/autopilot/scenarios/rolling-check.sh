#!/bin/sh
# The instance's health check: passing once its marker exists, logged with the instance's pid before it answers.
ready=$WORK/ready-$NODE
[ -f "$ready" ] || exit 1
echo "healthy $NODE $(cat "$ready") $(date +%s%N)" >> "$WORK/rolling.log"
