{{- define "shop.name" -}}shop{{- end }}
