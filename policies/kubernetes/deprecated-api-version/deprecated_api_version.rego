# METADATA
# title: Use current API versions
# description: |
#   An object uses an API version that Kubernetes has deprecated or removed.
#
#   Removed API versions are rejected by current clusters: the manifest stops applying at
#   the next upgrade. Move to the version the message names (`kubectl convert` helps).
# related_resources:
#   - ref: https://kubernetes.io/docs/reference/using-api/deprecation-guide/
#     description: Deprecated API Migration Guide
# custom:
#   severity: warning
#   category: reliability
#   aliases: [KSV-0107, KSV107, no-extensions-v1beta, stable-version]
package infralint.rules.kubernetes["deprecated-api-version"]

import data.infralint.lib.result
import data.infralint.lib.k8s

# [apiVersion, kind] → [removed in, replacement]; kind "*" for every kind of the version.
_removed := {
	["extensions/v1beta1", "*"]: ["1.16", "apps/v1 or networking.k8s.io/v1"],
	["apps/v1beta1", "*"]: ["1.16", "apps/v1"],
	["apps/v1beta2", "*"]: ["1.16", "apps/v1"],
	["networking.k8s.io/v1beta1", "*"]: ["1.22", "networking.k8s.io/v1"],
	["rbac.authorization.k8s.io/v1beta1", "*"]: ["1.22", "rbac.authorization.k8s.io/v1"],
	["rbac.authorization.k8s.io/v1alpha1", "*"]: ["1.22", "rbac.authorization.k8s.io/v1"],
	["apiextensions.k8s.io/v1beta1", "*"]: ["1.22", "apiextensions.k8s.io/v1"],
	["admissionregistration.k8s.io/v1beta1", "*"]: ["1.22", "admissionregistration.k8s.io/v1"],
	["scheduling.k8s.io/v1beta1", "*"]: ["1.22", "scheduling.k8s.io/v1"],
	["storage.k8s.io/v1beta1", "CSIDriver"]: ["1.22", "storage.k8s.io/v1"],
	["storage.k8s.io/v1beta1", "StorageClass"]: ["1.22", "storage.k8s.io/v1"],
	["storage.k8s.io/v1beta1", "CSIStorageCapacity"]: ["1.27", "storage.k8s.io/v1"],
	["certificates.k8s.io/v1beta1", "*"]: ["1.22", "certificates.k8s.io/v1"],
	["coordination.k8s.io/v1beta1", "*"]: ["1.22", "coordination.k8s.io/v1"],
	["batch/v1beta1", "CronJob"]: ["1.25", "batch/v1"],
	["discovery.k8s.io/v1beta1", "*"]: ["1.25", "discovery.k8s.io/v1"],
	["events.k8s.io/v1beta1", "*"]: ["1.25", "events.k8s.io/v1"],
	["policy/v1beta1", "PodDisruptionBudget"]: ["1.25", "policy/v1"],
	["policy/v1beta1", "PodSecurityPolicy"]: ["1.25", "Pod Security Admission"],
	["autoscaling/v2beta1", "*"]: ["1.25", "autoscaling/v2"],
	["autoscaling/v2beta2", "*"]: ["1.26", "autoscaling/v2"],
	["node.k8s.io/v1beta1", "*"]: ["1.25", "node.k8s.io/v1"],
	["flowcontrol.apiserver.k8s.io/v1beta1", "*"]: ["1.26", "flowcontrol.apiserver.k8s.io/v1"],
	["flowcontrol.apiserver.k8s.io/v1beta2", "*"]: ["1.29", "flowcontrol.apiserver.k8s.io/v1"],
	["flowcontrol.apiserver.k8s.io/v1beta3", "*"]: ["1.32", "flowcontrol.apiserver.k8s.io/v1"],
}

deny contains result.at("/apiVersion", sprintf("%s %s was removed in Kubernetes %s: use %s", [input.apiVersion, input.kind, r[0], r[1]])) if {
	some kind in {input.kind, "*"}
	r := _removed[[input.apiVersion, kind]]
}
