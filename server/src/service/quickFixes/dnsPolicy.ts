/** hostnetwork-dns-policy: `dnsPolicy: ClusterFirstWithHostNet`. */
import { setKey } from '../../model/yamlEdits/documentEdits';
import { action, POD_SPEC, type QuickFix } from './fix';

export const fixDnsPolicy: QuickFix = (ctx) => {
  const edit = setKey(ctx, POD_SPEC, 'dnsPolicy', 'ClusterFirstWithHostNet');
  return edit ? [action(ctx, 'Set dnsPolicy: ClusterFirstWithHostNet', [edit], true)] : [];
};
