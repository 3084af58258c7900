import { fieldChanges, hasChanges } from './field-changes';

describe('fieldChanges', () => {
  const user = {
    displayName: '王磊',
    roles: ['rep', 'supervisor'],
    supervisorId: 'li' as string | null,
    active: true,
  };

  it('keeps only the fields that change, before and after', () => {
    const changes = fieldChanges(user, { displayName: '王磊', supervisorId: null, active: false });
    expect(changes).toEqual({
      before: { supervisorId: 'li', active: true },
      after: { supervisorId: null, active: false },
    });
    expect(hasChanges(changes)).toBe(true);
  });

  it('treats arrays as sets, and absent fields as no change', () => {
    const changes = fieldChanges(user, { roles: ['supervisor', 'rep'], displayName: undefined });
    expect(changes).toEqual({ before: {}, after: {} });
    expect(hasChanges(changes)).toBe(false);
  });

  it('sees a role lost or gained', () => {
    expect(fieldChanges(user, { roles: ['rep'] }).after).toEqual({ roles: ['rep'] });
    expect(fieldChanges(user, { roles: ['rep', 'admin'] }).after).toEqual({
      roles: ['rep', 'admin'],
    });
  });
});
