import { Badge } from '@chakra-ui/react';
import type { AuditEventType } from '@spendsense/server/domain/audit/event-types';

/**
 * One colour per event type, so a column of them reads at a glance. The subtle variant puts the palette's
 * darkest text on its lightest background, which keeps every pair above WCAG AA contrast; the archival and
 * checkpoint types and logout reuse a palette in the outline variant.
 */
const STYLE: Record<AuditEventType, { palette: string; variant: 'subtle' | 'outline' }> = {
  recommendation_generated: { palette: 'teal', variant: 'subtle' },
  consent_changed: { palette: 'purple', variant: 'subtle' },
  eligibility_checked: { palette: 'cyan', variant: 'subtle' },
  tone_validated: { palette: 'pink', variant: 'subtle' },
  operator_action: { palette: 'blue', variant: 'subtle' },
  persona_assigned: { palette: 'green', variant: 'subtle' },
  persona_overridden: { palette: 'orange', variant: 'subtle' },
  login_attempt: { palette: 'gray', variant: 'subtle' },
  logout: { palette: 'purple', variant: 'outline' },
  unauthorized_access: { palette: 'red', variant: 'subtle' },
  audit_exported: { palette: 'yellow', variant: 'subtle' },
  audit_archived: { palette: 'gray', variant: 'outline' },
  audit_purged: { palette: 'red', variant: 'outline' },
  audit_checkpoint: { palette: 'green', variant: 'outline' },
};

export function eventTypeName(eventType: string): AuditEventType {
  return eventType.toLowerCase() as AuditEventType;
}

export function EventTypeBadge({ eventType }: { eventType: string }) {
  const name = eventTypeName(eventType);
  const style = STYLE[name] ?? { palette: 'gray', variant: 'outline' };
  return (
    <Badge colorPalette={style.palette} variant={style.variant} fontFamily="mono" data-event-type={name}>
      {name}
    </Badge>
  );
}
