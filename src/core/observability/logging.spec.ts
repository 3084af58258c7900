import { loggingParams, redactUrl } from './logging';

describe('redactUrl', () => {
  it('hides the token of a confirmation link, keeping the rest', () => {
    expect(redactUrl('/api/v1/public/confirmations/AbC-123_xyz?utm=wechat')).toBe(
      '/api/v1/public/confirmations/[redacted]?utm=wechat',
    );
  });

  it('leaves other paths alone', () => {
    expect(redactUrl('/api/v1/follow-ups/7d0c9d0e/confirmations')).toBe(
      '/api/v1/follow-ups/7d0c9d0e/confirmations',
    );
  });
});

describe('loggingParams', () => {
  const pinoHttp = loggingParams('info').pinoHttp as {
    serializers: Record<string, (value: unknown) => unknown>;
    autoLogging: { ignore: (request: unknown) => boolean };
  };

  it('logs a request without its headers, so no credential can reach a log line', () => {
    const line = pinoHttp.serializers.req({
      id: 'req-1',
      method: 'GET',
      url: '/api/v1/public/confirmations/secret-token',
      remoteAddress: '10.0.0.7',
      headers: {
        authorization: 'Bearer eyJ.secret',
        'x-api-key': 'smk_secret',
        'user-agent': 'K3/7',
      },
    });
    expect(line).toEqual({
      id: 'req-1',
      method: 'GET',
      url: '/api/v1/public/confirmations/[redacted]',
      remoteAddress: '10.0.0.7',
      userAgent: 'K3/7',
    });
    expect(pinoHttp.serializers.res({ statusCode: 201, headers: { 'set-cookie': 'x' } })).toEqual({
      statusCode: 201,
    });
  });

  it('leaves out health probes, under the API prefix or the short path', () => {
    expect(pinoHttp.autoLogging.ignore({ originalUrl: '/api/v1/health/ready', url: '/' })).toBe(
      true,
    );
    expect(pinoHttp.autoLogging.ignore({ url: '/health/live' })).toBe(true);
    expect(pinoHttp.autoLogging.ignore({ originalUrl: '/api/v1/customers', url: '/' })).toBe(false);
  });
});
