/**
 * The live comparison's status above a DaemonSet: which context it is
 * compared with, how old the snapshot is, whether the DaemonSet is live
 * there at all, or why the cluster (or a part the rollout weighs) could not
 * be read; clicking refreshes.
 */
import { namespaceOf } from '../reconciler';
import type { LiveStatus } from './types';

export const REFRESH_LIVE_COMMAND = 'daemonset.refreshLive';

/** "just now", "2 min ago", "3 h ago" */
export function ageText(fromMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - fromMs) / 1000));
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}

const MAX_ERROR_LENGTH = 80;

export function liveLensTitle(status: LiveStatus, name: string, namespace: string): string {
  const where = `in ${status.context}`;
  if (status.error) {
    const error = status.error.length > MAX_ERROR_LENGTH ? `${status.error.slice(0, MAX_ERROR_LENGTH - 1)}…` : status.error;
    return `Live ${where}: ${error} · Refresh`;
  }
  if (!status.cluster) return `Live ${where}: fetching…`;
  const cluster = status.cluster;
  const age = status.fetching ? 'refreshing…' : `fetched ${ageText(cluster.fetchedAtMs, status.nowMs)}`;
  if (!cluster.namespaces.includes(namespace)) return `Live ${where}: ${age} · Refresh`;
  const live = cluster.daemonSets.some((ds) => ds.metadata.name === name && namespaceOf(ds) === namespace);
  const unread = !cluster.nodes ? ' (nodes not readable)' : cluster.podsOfEveryNamespace === false ? ' (pods of other namespaces not readable)' : '';
  return live ? `Live ${where}: ${age}${unread} · Refresh` : `Not live ${where} (kubectl apply creates it): ${age} · Refresh`;
}
