"""Registers COUNT passing instances of SERVICE in the Consul catalog at URL, a hundred per node, each with tags, meta
and a check, as a large fleet looks: through transactions of at most 64 operations (Consul's limit), so that 5,000
take seconds. The same shape as the tests' ConsulApi.registerInstances.

Usage: python3 register.py URL SERVICE COUNT
"""
import json
import sys
import urllib.request

url, service, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
operations = []


def commit():
    if operations:
        request = urllib.request.Request(url + "/v1/txn", data=json.dumps(operations).encode(), method="PUT")
        with urllib.request.urlopen(request, timeout=30) as answer:
            answer.read()
        operations.clear()


for i in range(count):
    node = "%s-node-%d" % (service, i // 100)
    if i % 100 == 0 or len(operations) > 61:
        commit()
        operations.append({"Node": {"Verb": "set", "Node": {
            "Node": node, "Address": "10.1.%d.1" % (i // 100 % 250), "Meta": {"rack": "r%d" % (i % 7)}}}})
    sid = "%s-%d" % (service, i)
    operations.append({"Service": {"Verb": "set", "Node": node, "Service": {
        "ID": sid, "Service": service, "Address": "10.0.%d.%d" % (i // 250 % 250, i % 250), "Port": 8080,
        "Tags": ["v1", "blue"], "Meta": {"version": "1.2.3", "zone": "a"}}}})
    operations.append({"Check": {"Verb": "set", "Check": {
        "Node": node, "CheckID": sid + "-ttl", "Name": "ttl", "Status": "passing", "ServiceID": sid,
        "Output": "ok"}}})
commit()
