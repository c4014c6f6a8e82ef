{{/*
Names and labels. Kept to the template subset that tools/infra-check renders in tests:
field access, include, if/else/with, and/or/not/eq/gt, contains, quote, default, printf, trunc, trimSuffix, replace,
nindent/indent, toYaml, required, b64enc, sha256sum.
*/}}

{{- define "printbeat.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "printbeat.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "printbeat.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "printbeat.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "printbeat.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "printbeat.selectorLabels" -}}
app.kubernetes.io/name: {{ include "printbeat.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: central
{{- end -}}

{{/* Labels without the component, for resources that are not central's pods (migrations). */}}
{{- define "printbeat.commonLabels" -}}
helm.sh/chart: {{ include "printbeat.chart" . }}
app.kubernetes.io/name: {{ include "printbeat.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: printbeat
{{- end -}}

{{- define "printbeat.labels" -}}
{{ include "printbeat.commonLabels" . }}
app.kubernetes.io/component: central
{{- end -}}

{{- define "printbeat.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "printbeat.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{- define "printbeat.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}

{{- define "printbeat.migrationsImage" -}}
{{- printf "%s:%s" .Values.migrations.image.repository (.Values.migrations.image.tag | default .Chart.AppVersion) -}}
{{- end -}}

{{/* Secret with DATABASE_URL / DATABASE_APP_URL. */}}
{{- define "printbeat.databaseSecretName" -}}
{{- if .Values.database.existingSecret -}}
{{- .Values.database.existingSecret -}}
{{- else -}}
{{- printf "%s-database" (include "printbeat.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/*
The migrations Job runs as a pre-install hook, before the release's own resources exist, so
with inline database values it reads a copy of the database Secret that is itself a hook.
*/}}
{{- define "printbeat.migrationsDatabaseSecretName" -}}
{{- if .Values.database.existingSecret -}}
{{- .Values.database.existingSecret -}}
{{- else -}}
{{- printf "%s-migrations" (include "printbeat.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* Secret with JWT_SECRET / CA_KEY_PASSPHRASE. */}}
{{- define "printbeat.appSecretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else -}}
{{- printf "%s-secrets" (include "printbeat.fullname" .) -}}
{{- end -}}
{{- end -}}
