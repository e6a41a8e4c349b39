import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SystemDb } from '@mend/shared/server';
import { AuditService } from './audit.service';

/**
 * Events written before the chain was keyed carry a plain SHA-256 hash, which anyone who can
 * write the table could recompute. At start, every clinic whose chain still ends in such an
 * event gets one keyed event (`audit.chain_keyed`) on top: its seal covers the hash of all
 * before it, so from then on the old events are as safe as the new ones. The verifier refuses
 * a chain that ends unkeyed, so a chain rewritten without the key cannot pass as an old one.
 */
@Injectable()
export class AuditChainSeal implements OnApplicationBootstrap {
  private readonly logger = new Logger('AuditChain');

  constructor(
    private readonly system: SystemDb,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sealUnkeyed();
  }

  /**
   * Walks the clinics of the trail by its (clinic_id, seq) index, a few probes per clinic, so
   * a start costs no scan of the whole trail. Returns the clinics sealed.
   */
  async sealUnkeyed(): Promise<string[]> {
    const clinics: { id: string }[] = await this.system.query(
      'audit chain seal',
      `WITH RECURSIVE c AS (
         (SELECT clinic_id FROM audit_events ORDER BY clinic_id LIMIT 1)
         UNION ALL
         SELECT (SELECT e.clinic_id FROM audit_events e WHERE e.clinic_id > c.clinic_id
                  ORDER BY e.clinic_id LIMIT 1)
           FROM c WHERE c.clinic_id IS NOT NULL
       )
       SELECT c.clinic_id AS id FROM c
        WHERE c.clinic_id IS NOT NULL
          AND (SELECT e.key_id IS NULL FROM audit_events e
                WHERE e.clinic_id = c.clinic_id ORDER BY e.seq DESC LIMIT 1)`,
    );
    for (const { id } of clinics) {
      await this.system.run('audit chain seal', (tx) =>
        this.audit.record(
          tx,
          { id: null, clinicId: id },
          { action: 'audit.chain_keyed', entityType: 'clinic', entityId: id },
        ),
      );
    }
    if (clinics.length > 0) {
      this.logger.log({
        msg: 'Sealed audit chains written before they were keyed',
        clinics: clinics.length,
      });
    }
    return clinics.map((c) => c.id);
  }
}
