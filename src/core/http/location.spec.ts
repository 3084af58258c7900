import { locationFor } from './location';

describe('locationFor', () => {
  const id = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

  it('fills the template from the answer and puts it under the API prefix', () => {
    expect(locationFor('customers/{id}', { id, name: '张三' })).toBe(`/api/v1/customers/${id}`);
    expect(locationFor('customers/imports/{id}', { id })).toBe(`/api/v1/customers/imports/${id}`);
  });

  it('fills every field a template names', () => {
    expect(locationFor('public/confirmations/{token}', { token: 'a_b-C' })).toBe(
      '/api/v1/public/confirmations/a_b-C',
    );
  });

  it('percent-encodes a value, so it stays one path segment', () => {
    expect(locationFor('things/{key}', { key: 'a/b 张' })).toBe('/api/v1/things/a%2Fb%20%E5%BC%A0');
  });

  it('gives nothing when the answer lacks a field, rather than a broken URL', () => {
    expect(locationFor('customers/{id}', { name: '张三' })).toBeUndefined();
    expect(locationFor('customers/{id}', { id: null })).toBeUndefined();
    expect(locationFor('customers/{id}', undefined)).toBeUndefined();
  });
});
