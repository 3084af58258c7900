import { AnyOf, ListQueryDto } from '../../http/list-params';
import { AUDIT_EVENT_LIST } from '../audit-event-list';

export class AuditQueryDto extends ListQueryDto(AUDIT_EVENT_LIST) {
  @AnyOf(
    { maxLength: 64 },
    'Events about any of these kinds of entity, e.g. `customer`, `settings`, `api_key`.',
  )
  entity?: string[];

  @AnyOf({ maxLength: 128 }, 'Events about any of these entities.')
  entityId?: string[];
}
