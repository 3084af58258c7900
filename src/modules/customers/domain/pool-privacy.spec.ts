import { Principal } from '../../../core/auth/principal';
import { Role } from '../../../core/auth/roles';
import { phoneMaskedFor, phoneSeenInFullSql } from './pool-privacy';

const caller = (roles: Role[]): Principal => ({
  kind: 'user',
  id: 'u1',
  userId: 'u1',
  name: '王芳',
  roles,
  orgUnitId: null,
});

describe('pool privacy', () => {
  it.each<[Role[], boolean]>([
    [['rep'], true],
    [['rep', 'supervisor'], false],
    [['supervisor'], false],
    [['store_manager'], false],
    [['regional_director'], false],
    [['admin'], false],
  ])('a caller with roles %j sees pool phones masked: %s', (roles, masked) => {
    expect(phoneMaskedFor(caller(roles), null)).toBe(masked);
    expect(phoneSeenInFullSql(caller(roles), 'c.owner_id')).toBe(
      masked ? 'c.owner_id IS NOT NULL' : 'TRUE',
    );
  });

  it('never masks an owned customer’s phone', () => {
    expect(phoneMaskedFor(caller(['rep']), 'u1')).toBe(false);
    expect(phoneMaskedFor(caller(['rep']), 'u2')).toBe(false);
  });
});
