import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DomainError } from '../../common/errors/domain-error.js';
import type { Env } from '../../config/env.js';
import { assertTargetAllowed, parseWebhookTargetPolicy, WebhookTargetError, type WebhookTargetPolicy } from '../../common/net/webhook-targets.js';

/** The deployment's target policy (ALLOWED_WEBHOOK_HOSTS), read once, for channels and deliveries. */
@Injectable()
export class WebhookTargets {
  readonly policy: WebhookTargetPolicy;

  constructor(config: ConfigService<Env, true>) {
    this.policy = parseWebhookTargetPolicy(config.get('ALLOWED_WEBHOOK_HOSTS', { infer: true }));
  }

  /** 400 on `url` (detail code `blockedAddress`) for an internal target; resolves the host (never inside a transaction). */
  async assertAllowed(url: string): Promise<void> {
    try {
      await assertTargetAllowed(url, this.policy);
    } catch (e) {
      if (e instanceof WebhookTargetError) throw DomainError.invalid('url', e.message, 'blockedAddress');
      throw e;
    }
  }
}
