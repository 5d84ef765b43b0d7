# A coprocess (test_coprocess): records each start, then runs until killed. $1: the work folder; $2: its argument.
echo "run $2" >> "$1/coprocess.runs"
exec sleep 1000
