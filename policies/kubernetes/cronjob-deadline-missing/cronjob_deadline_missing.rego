# METADATA
# title: Give CronJobs a starting deadline
# description: |
#   A CronJob sets no `startingDeadlineSeconds`.
#
#   If the controller misses many schedules (it was down, the cluster was upgraded), a
#   CronJob without a deadline may refuse to start at all after 100 missed runs, or start
#   a late run at a surprising time. Set `startingDeadlineSeconds`.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#job-creation
#     description: "CronJob limitations: job creation"
# custom:
#   severity: info
#   category: reliability
#   aliases: [cronjob-has-deadline]
package infralint.rules.kubernetes["cronjob-deadline-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/startingDeadlineSeconds", sprintf("CronJob %q sets no starting deadline", [k8s.name])) if {
	input.kind == "CronJob"
	not k8s.has(input.spec, "startingDeadlineSeconds")
}
