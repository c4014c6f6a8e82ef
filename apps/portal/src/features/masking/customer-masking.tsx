import { useMutation, useQuery } from '@apollo/client/react';
import {
  CustomerMaskingSettingsDocument,
  UpdateCustomerMaskingSettingsDocument,
} from '../../generated/graphql';
import { ErrorState, LoadingState } from '../../shared/states';
import { MaskingEditor } from './masking-editor';
import { modesOf } from './masking-modes';

/** A customer's own masking beside its dealer's, and what its agents apply. */
export function CustomerMasking({
  customerId,
  canChange,
}: {
  customerId: string;
  canChange: boolean;
}) {
  const settings = useQuery(CustomerMaskingSettingsDocument, { variables: { customerId } });
  const [update, updating] = useMutation(UpdateCustomerMaskingSettingsDocument);
  if (settings.error)
    return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  const data = settings.data?.customerMaskingSettings;
  if (!data) return <LoadingState label="Loading masking…" />;
  const saved = modesOf(data.customer);
  return (
    <MaskingEditor
      label="Customer masking"
      saved={saved}
      dealer={modesOf(data.tenant)}
      lockedReason={canChange ? null : 'Only an administrator can change masking.'}
      saving={updating.loading}
      error={updating.error}
      onSave={async (changes) => {
        const result = await update({
          variables: { input: { customerId, ...changes } },
        }).catch(() => null);
        if (result?.data) await settings.refetch();
        return Boolean(result?.data);
      }}
    />
  );
}
