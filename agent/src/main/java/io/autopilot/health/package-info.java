/** Health checks of jobs: what runs, how often, and how long it may take. */
package io.autopilot.health;
