/**
 * image-tag-latest: `:latest` or no tag makes every node pull whatever is
 * newest when its pod starts, so nodes run different versions and a rollout
 * never happens (the template did not change).
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { containerLabel, containersOf } from './podSpecAccess';
import type { Rule, RuleFinding } from './rule';

export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return undefined; // pinned by digest
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon >= 0 ? image.slice(colon + 1) : '';
}

export const imageTagLatest: Rule = {
  id: 'image-tag-latest',
  defaultSeverity: 'warning',
  description: 'An image with `:latest` or no tag: nodes end up running different versions, and changing the image never triggers a rolling update.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) => {
    const findings: RuleFinding[] = [];
    for (const at of containersOf(ctx)) {
      const image = at.container.image;
      if (typeof image !== 'string' || image.length === 0) continue;
      const tag = imageTag(image);
      if (tag !== '' && tag !== 'latest') continue;
      findings.push({
        path: [...at.path, 'image'],
        message: `${containerLabel(at)} uses ${tag === '' ? 'no tag (that is :latest)' : ':latest'}: each node pulls whatever is newest when its pod starts, so nodes drift apart and no rollout is triggered. Pin a version or a digest.`,
      });
    }
    return findings;
  },
};
