# METADATA
# title: Clean up finished Jobs
# description: |
#   A Job sets no `ttlSecondsAfterFinished`.
#
#   Finished Jobs and their pods stay in the cluster until someone deletes them, piling up
#   objects and logs. Set `ttlSecondsAfterFinished` (Jobs of a CronJob are cleaned up by
#   its history limits instead).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/workloads/controllers/job/
#     description: Jobs
# custom:
#   severity: info
#   category: maintainability
#   aliases: [job-ttl-seconds-after-finished]
package infralint.rules.kubernetes["job-ttl-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/ttlSecondsAfterFinished", sprintf("Job %q is never cleaned up after it finishes", [k8s.name])) if {
	input.kind == "Job"
	not k8s.has(input.spec, "ttlSecondsAfterFinished")
}
