{{- define "shop.labels" -}}
app.kubernetes.io/name: shop
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "shop.podSpec" -}}
automountServiceAccountToken: false
containers:
  - name: shop
    image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
    {{- with .Values.securityContext }}
    securityContext:
      {{- toYaml . | nindent 6 }}
    {{- end }}
{{- end }}
