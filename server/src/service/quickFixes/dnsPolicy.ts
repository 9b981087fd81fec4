/** hostnetwork-dns-policy: `dnsPolicy: ClusterFirstWithHostNet`. */
import { setKey } from '../../model/yamlEdits/documentEdits';
import { action, type QuickFix } from './fix';
import { POD_SPEC_PATH } from '../../model/fieldPath';

export const fixDnsPolicy: QuickFix = (ctx) => {
  const edit = setKey(ctx, POD_SPEC_PATH, 'dnsPolicy', 'ClusterFirstWithHostNet');
  return edit ? [action(ctx, 'Set dnsPolicy: ClusterFirstWithHostNet', [edit], true)] : [];
};
