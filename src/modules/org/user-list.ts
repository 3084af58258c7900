import { defineList } from '../../core/http/list-query';

/**
 * `GET /users`: by username unless sorted otherwise. Usernames are unique
 * regardless of case, so the order is the column's own (its collation).
 */
export const USER_LIST = defineList({
  keys: {
    username: { column: 'u.username', kind: 'text' },
    createdAt: { column: 'u.created_at', kind: 'timestamp' },
  },
  defaultSort: 'username',
  id: 'u.id',
  updatedAt: 'u.updated_at',
});
