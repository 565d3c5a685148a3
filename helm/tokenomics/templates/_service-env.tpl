{{/*
Environment of one service. Non-secret settings come from its ConfigMap; database logins from the PostgreSQL Secret.
Pass dict "root" $ "service" "<key>".
*/}}
{{- define "tokenomics.env" -}}
{{- $svc := index .root.Values.services .service -}}
{{- /* JDK_JAVA_OPTIONS is read by the java launcher itself (the Debian base of ./tokenomics images starts plain java);
JAVA_OPTS_APPEND by run-java.sh of the UBI OpenJDK images, where it comes last and so wins. */}}
- name: JDK_JAVA_OPTIONS
  value: {{ printf "%s -Djava.io.tmpdir=/tmp" $svc.javaOpts | quote }}
- name: JAVA_OPTS_APPEND
  value: {{ printf "%s -Djava.io.tmpdir=/tmp" $svc.javaOpts | quote }}
{{- if has .service (list "gateway" "catalog" "simulator" "pricing") }}
{{- $db := index .root.Values.postgresql.databases .service }}
{{- $prefix := upper .service }}
- name: {{ $prefix }}_DB_USER
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.postgresql.existingSecret }}
      key: {{ .service }}-username
- name: {{ $prefix }}_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.postgresql.existingSecret }}
      key: {{ .service }}-password
{{- end }}
{{- with $svc.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}
