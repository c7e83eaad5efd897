/**
 * Where updates come from (pure): the IT policy's `updateFeedUrl` (an https:// generic feed, already
 * validated by policy/policy-schema.ts) wins; otherwise an installed build reads the feed electron-builder
 * wrote from `publish:` in electron-builder.yml (`resources/app-update.yml`, read by electron-updater
 * itself). A development build (not packaged) has no update feed, unless LP_AGENT_DEV_UPDATE_CONFIG
 * names a file in electron-updater's dev-app-update.yml format (a test or a developer trying a feed):
 * that variable is ignored by an installed build.
 */
import type { UpdateOffReason } from '../../../src-preload/api';

export type UpdateFeed =
  | { on: true; source: 'policy'; url: string }
  | { on: true; source: 'build' }
  | { on: true; source: 'dev-config'; configPath: string }
  | { on: false; reason: UpdateOffReason };

export function chooseUpdateFeed(input: {
  isPackaged: boolean;
  policyUrl?: string | undefined;
  /** LP_AGENT_DEV_UPDATE_CONFIG */
  devConfigPath?: string | undefined;
}): UpdateFeed {
  if (!input.isPackaged) {
    if (input.devConfigPath) return input.policyUrl ? { on: true, source: 'policy', url: input.policyUrl } : { on: true, source: 'dev-config', configPath: input.devConfigPath };
    return { on: false, reason: 'development' };
  }
  if (input.policyUrl) return { on: true, source: 'policy', url: input.policyUrl };
  return { on: true, source: 'build' };
}

/** The feed in a log line (a URL has no secret here: policy URLs are plain https, validated). */
export function describeFeed(feed: UpdateFeed): string {
  if (!feed.on) return `updates off (${feed.reason}${feed.reason === 'development' ? ': not packaged, no LP_AGENT_DEV_UPDATE_CONFIG' : ''})`;
  switch (feed.source) {
    case 'policy': return `updates from the IT policy's feed ${feed.url}`;
    case 'build': return 'updates from the feed this build was published with (app-update.yml)';
    case 'dev-config': return `updates from the development feed config ${feed.configPath}`;
  }
}
