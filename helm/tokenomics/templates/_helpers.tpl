{{/* Chart name and fullname */}}
{{- define "tokenomics.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tokenomics.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Name of one service's objects: <fullname>-<service key> */}}
{{- define "tokenomics.serviceName" -}}
{{- printf "%s-%s" (include "tokenomics.fullname" .root) .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tokenomics.labels" -}}
app.kubernetes.io/name: {{ include "tokenomics.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of one service: pass dict "root" $ "service" "gateway" */}}
{{- define "tokenomics.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tokenomics.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .service }}
{{- end -}}

{{/* Image reference: tag (never latest) and optional digest */}}
{{- define "tokenomics.image" -}}
{{- $svc := index .root.Values.services .service -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- if eq $tag "latest" -}}{{- fail "image.tag must not be 'latest': pin a version (and optionally a digest)" -}}{{- end -}}
{{- $ref := printf "%s/%s/%s:%s" .root.Values.image.registry .root.Values.image.repositoryPrefix $svc.image.name $tag -}}
{{- if $svc.image.digest -}}{{- printf "%s@%s" $ref $svc.image.digest -}}{{- else -}}{{- $ref -}}{{- end -}}
{{- end -}}

{{/* In-cluster URL of a service */}}
{{- define "tokenomics.serviceUrl" -}}
{{- printf "http://%s:80" (include "tokenomics.serviceName" .) -}}
{{- end -}}

{{/* A NetworkPolicy peer from values: namespaceSelector / podSelector / ipBlock */}}
{{- define "tokenomics.networkPeer" -}}
{{- if .ipBlock }}
- ipBlock:
    cidr: {{ .ipBlock }}
{{- else }}
- {{- if .namespaceSelector }}
  namespaceSelector:
    {{- toYaml .namespaceSelector | nindent 4 }}
  {{- else }}
  namespaceSelector: {}
  {{- end }}
  {{- if .podSelector }}
  podSelector:
    {{- toYaml .podSelector | nindent 4 }}
  {{- end }}
{{- end }}
{{- end -}}
