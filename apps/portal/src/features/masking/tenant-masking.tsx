import { useMutation, useQuery } from '@apollo/client/react';
import { MaskingSettingsDocument, UpdateMaskingSettingsDocument } from '../../generated/graphql';
import { ErrorState, LoadingState } from '../../shared/states';
import { MaskingEditor } from './masking-editor';
import { modesOf } from './masking-modes';

/** The dealer's masking for all its customers. */
export function TenantMasking() {
  const settings = useQuery(MaskingSettingsDocument);
  const [update, updating] = useMutation(UpdateMaskingSettingsDocument);
  if (settings.error)
    return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  const data = settings.data?.maskingSettings;
  if (!data) return <LoadingState label="Loading masking…" />;
  const saved = modesOf(data);
  return (
    <MaskingEditor
      label="Masking for all customers"
      saved={saved}
      lockedReason={null}
      saving={updating.loading}
      error={updating.error}
      onSave={async (changes) => {
        const result = await update({ variables: { input: changes } }).catch(() => null);
        if (result?.data) await settings.refetch();
        return Boolean(result?.data);
      }}
    />
  );
}
