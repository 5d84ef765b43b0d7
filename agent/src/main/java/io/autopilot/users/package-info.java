/**
 * Users and groups: a job's {@code user} and {@code group} as the configuration names them ({@link
 * io.autopilot.users.RunAs}), and their resolution through the container's user database, {@code /etc/passwd} and
 * {@code /etc/group} ({@link io.autopilot.users.UserDatabase}), into the ids, supplementary groups and {@code HOME},
 * {@code USER} and {@code LOGNAME} a child gets ({@link io.autopilot.users.Account}).
 */
package io.autopilot.users;
