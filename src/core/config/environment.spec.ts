import { Environment, EnvironmentError, loadEnvironment } from './environment';

const REAL_SECRET = 'k3Jx9vQ2mP8sL5tR7wY1zA4cE6gH0nB2dF8jK3';

/** The problems reported for an environment, or [] when it loads. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadEnvironment(env);
    return [];
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    return error.problems;
  }
}

describe('loadEnvironment', () => {
  it('applies the documented defaults to an empty environment', () => {
    const env = loadEnvironment({});
    expect(env).toBeInstanceOf(Environment);
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      JWT_EXPIRES_IN_SECONDS: 8 * 3600,
      ADMIN_USERNAME: 'admin',
      DEMO_DATA: '0',
      LOG_LEVEL: 'info',
      LOGIN_MAX_FAILURES: 10,
      LOGIN_WINDOW_SECONDS: 900,
      BODY_LIMIT_BYTES: 10 * 1024 * 1024,
      TRIGGER_EVALUATION_CRON: '*/15 * * * *',
      SILENT_PERIOD_CRON: '*/15 * * * *',
      ERP_STOCK_CRON: '*/15 * * * *',
      CONFIRMATION_TTL_HOURS: 168,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.EMBEDDED_PG_PORT).toBeUndefined();
    // Unset means "generate and persist one", never a hard-coded default.
    expect(env.JWT_SECRET).toBeUndefined();
    expect(env.ADMIN_PASSWORD).toBeUndefined();
  });

  it('parses numbers and keeps valid values', () => {
    const env = loadEnvironment({
      PORT: '8080',
      DATABASE_URL: 'postgres://sales:pw@db.internal:5432/sales',
      DATA_DIR: '/var/lib/sales',
      EMBEDDED_PG_PORT: '54329',
      JWT_SECRET: REAL_SECRET,
      JWT_EXPIRES_IN_SECONDS: '3600',
      ADMIN_USERNAME: 'zhang.wei',
      ADMIN_PASSWORD: 'Hua-Dong-2026!',
      DEMO_DATA: '1',
      LOG_LEVEL: 'debug',
      LOGIN_MAX_FAILURES: '5',
      LOGIN_WINDOW_SECONDS: '60',
      BODY_LIMIT_BYTES: '2048',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgres://sales:pw@db.internal:5432/sales',
      DATA_DIR: '/var/lib/sales',
      EMBEDDED_PG_PORT: 54329,
      JWT_SECRET: REAL_SECRET,
      JWT_EXPIRES_IN_SECONDS: 3600,
      ADMIN_USERNAME: 'zhang.wei',
      ADMIN_PASSWORD: 'Hua-Dong-2026!',
      DEMO_DATA: '1',
      LOG_LEVEL: 'debug',
      LOGIN_MAX_FAILURES: 5,
      LOGIN_WINDOW_SECONDS: 60,
      BODY_LIMIT_BYTES: 2048,
    });
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: '' }],
    ['JWT_SECRET', { JWT_SECRET: '' }],
    ['ADMIN_PASSWORD', { ADMIN_PASSWORD: '' }],
    ['EMBEDDED_PG_PORT', { EMBEDDED_PG_PORT: '' }],
  ])('treats an empty %s as unset', (name, source) => {
    const env = loadEnvironment(source);
    expect(env[name as keyof Environment]).toBeUndefined();
  });

  it.each([
    ['postgres://', 'postgres://u:p@localhost/db'],
    ['postgresql://', 'postgresql://u@127.0.0.1:5433/sales?sslmode=require'],
  ])('accepts a DATABASE_URL with the %s scheme', (_scheme, url) => {
    expect(loadEnvironment({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])(
    'accepts LOG_LEVEL=%s',
    (level) => {
      expect(loadEnvironment({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
    },
  );

  it.each([
    ['0', '0'],
    ['1', '1'],
    ['', '0'],
  ])('accepts DEMO_DATA=%j as %j', (value, expected) => {
    expect(loadEnvironment({ DEMO_DATA: value }).DEMO_DATA).toBe(expected);
  });

  it.each([
    ['0', 0],
    ['65535', 65535],
  ])('accepts the PORT boundary %s', (value, port) => {
    expect(loadEnvironment({ PORT: value }).PORT).toBe(port);
  });

  it.each([
    ['1024', 1024],
    ['65535', 65535],
  ])('accepts the EMBEDDED_PG_PORT boundary %s', (value, port) => {
    expect(loadEnvironment({ EMBEDDED_PG_PORT: value }).EMBEDDED_PG_PORT).toBe(port);
  });

  it('accepts a JWT_SECRET of exactly 32 characters', () => {
    const secret = REAL_SECRET.slice(0, 32);
    expect(loadEnvironment({ JWT_SECRET: secret }).JWT_SECRET).toBe(secret);
  });

  it('accepts an ADMIN_PASSWORD of exactly 10 characters, including Chinese', () => {
    expect(loadEnvironment({ ADMIN_PASSWORD: '华东大区销售管理员密码' }).ADMIN_PASSWORD).toBe(
      '华东大区销售管理员密码',
    );
    expect(loadEnvironment({ ADMIN_PASSWORD: 'abcdefghij' }).ADMIN_PASSWORD).toBe('abcdefghij');
  });

  describe('names each invalid variable', () => {
    it.each([
      ['PORT', 'not a number', { PORT: 'http' }],
      ['PORT', 'a fraction', { PORT: '80.5' }],
      ['PORT', 'above 65535', { PORT: '65536' }],
      ['PORT', 'negative', { PORT: '-1' }],
      ['DATABASE_URL', 'a MySQL URL', { DATABASE_URL: 'mysql://root@localhost/sales' }],
      ['DATABASE_URL', 'a bare host', { DATABASE_URL: 'localhost:5432' }],
      ['DATABASE_URL', 'a scheme without anything after it', { DATABASE_URL: 'postgres://' }],
      ['EMBEDDED_PG_PORT', 'a privileged port', { EMBEDDED_PG_PORT: '80' }],
      ['EMBEDDED_PG_PORT', 'above 65535', { EMBEDDED_PG_PORT: '70000' }],
      ['EMBEDDED_PG_PORT', 'not a number', { EMBEDDED_PG_PORT: 'auto' }],
      ['JWT_SECRET', 'too short (31 characters)', { JWT_SECRET: REAL_SECRET.slice(0, 31) }],
      [
        'JWT_SECRET',
        'a changeme placeholder',
        { JWT_SECRET: 'changeme-changeme-changeme-changeme' },
      ],
      [
        'JWT_SECRET',
        'a CHANGE-ME placeholder',
        { JWT_SECRET: 'PLEASE-CHANGE-ME-BEFORE-PROD-0123456789' },
      ],
      ['JWT_SECRET', 'a changeit placeholder', { JWT_SECRET: 'changeit'.repeat(5) }],
      [
        'JWT_SECRET',
        'a your-jwt-secret placeholder',
        { JWT_SECRET: 'your-jwt-secret-goes-here-1234567890' },
      ],
      ['JWT_SECRET', 'one character repeated', { JWT_SECRET: 'x'.repeat(40) }],
      ['JWT_SECRET', 'a repeated digit', { JWT_SECRET: '0'.repeat(64) }],
      ['ERP_SECRET', 'too short (31 characters)', { ERP_SECRET: REAL_SECRET.slice(0, 31) }],
      [
        'ERP_SECRET',
        'a changeme placeholder',
        { ERP_SECRET: 'changeme-changeme-changeme-changeme' },
      ],
      ['JWT_EXPIRES_IN_SECONDS', 'below a minute', { JWT_EXPIRES_IN_SECONDS: '59' }],
      [
        'JWT_EXPIRES_IN_SECONDS',
        'above a week',
        { JWT_EXPIRES_IN_SECONDS: String(7 * 24 * 3600 + 1) },
      ],
      ['ADMIN_USERNAME', 'too short', { ADMIN_USERNAME: 'ab' }],
      ['ADMIN_USERNAME', 'with a space', { ADMIN_USERNAME: 'zhang wei' }],
      ['ADMIN_PASSWORD', 'too short (9 characters)', { ADMIN_PASSWORD: 'abcdefghi' }],
      ['ADMIN_PASSWORD', 'with a space', { ADMIN_PASSWORD: 'correct horse battery' }],
      ['ADMIN_PASSWORD', 'too long', { ADMIN_PASSWORD: 'p'.repeat(257) }],
      ['DEMO_DATA', '"true"', { DEMO_DATA: 'true' }],
      ['DEMO_DATA', '"yes"', { DEMO_DATA: 'yes' }],
      ['LOG_LEVEL', 'an unknown level', { LOG_LEVEL: 'verbose' }],
      ['LOG_LEVEL', 'the wrong case', { LOG_LEVEL: 'INFO' }],
      ['LOGIN_MAX_FAILURES', 'zero', { LOGIN_MAX_FAILURES: '0' }],
      ['LOGIN_WINDOW_SECONDS', 'not a number', { LOGIN_WINDOW_SECONDS: '15m' }],
      ['BODY_LIMIT_BYTES', 'below 1 KiB', { BODY_LIMIT_BYTES: '100' }],
    ])('%s: %s', (name, _label, source) => {
      const problems = problemsOf(source);
      expect(problems.length).toBeGreaterThan(0);
      // Every message starts with the variable's name, and none names another.
      for (const problem of problems) expect(problem.startsWith(name)).toBe(true);
    });
  });

  describe('CORS_ORIGINS', () => {
    it('allows every origin by default', () => {
      expect(loadEnvironment({}).CORS_ORIGINS).toBe('*');
    });

    it.each([
      '*',
      'https://crm.example.com',
      'https://crm.example.com, http://localhost:5173,http://192.168.1.20:8080',
    ])('accepts %j', (value) => {
      expect(loadEnvironment({ CORS_ORIGINS: value }).CORS_ORIGINS).toBe(value);
    });

    it.each([
      ['a trailing slash', 'https://crm.example.com/'],
      ['a path', 'https://crm.example.com/app'],
      ['no scheme', 'crm.example.com'],
      ['another scheme', 'ftp://crm.example.com'],
      ['upper case', 'https://CRM.example.com'],
      ['* inside a list', 'https://crm.example.com,*'],
      ['only commas', ',,'],
    ])('refuses %s, naming the entry', (_label, value) => {
      const [problem, ...others] = problemsOf({ CORS_ORIGINS: value });
      expect(others).toEqual([]);
      expect(problem).toMatch(/^CORS_ORIGINS must be \* or a comma-separated list of origins/);
      const bad = value.split(',').find((entry) => entry && entry !== 'https://crm.example.com');
      if (bad) expect(problem).toContain(`not an origin: ${bad}`);
    });
  });

  it('says why a placeholder secret is refused, besides any length problem', () => {
    expect(problemsOf({ JWT_SECRET: 'changeme-changeme-changeme-changeme' })).toEqual([
      'JWT_SECRET is a placeholder value; set a real secret or leave it unset',
    ]);
    expect(problemsOf({ JWT_SECRET: 'changeme' })).toEqual([
      'JWT_SECRET must be at least 32 characters',
      'JWT_SECRET is a placeholder value; set a real secret or leave it unset',
    ]);
  });

  it('uses the custom messages for DATABASE_URL, ADMIN_PASSWORD and ADMIN_USERNAME', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })).toEqual([
      'DATABASE_URL must be a postgres:// URL',
    ]);
    expect(problemsOf({ ADMIN_PASSWORD: 'short' })).toEqual([
      'ADMIN_PASSWORD must be at least 10 characters',
    ]);
    expect(problemsOf({ ADMIN_PASSWORD: 'has a space in it' })).toEqual([
      'ADMIN_PASSWORD must not contain spaces',
    ]);
    expect(problemsOf({ ADMIN_USERNAME: '管理员' })).toEqual([
      'ADMIN_USERNAME must be 3-64 letters, digits, _ . -',
    ]);
  });

  it('reports several problems at once, in one EnvironmentError naming each variable', () => {
    let caught: unknown;
    try {
      loadEnvironment({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://root@localhost/sales',
        EMBEDDED_PG_PORT: '22',
        JWT_SECRET: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        ADMIN_PASSWORD: '123456',
        DEMO_DATA: 'on',
        LOG_LEVEL: 'loud',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvironmentError);
    const { problems, message } = caught as EnvironmentError;
    const named = new Set(problems.map((problem) => problem.split(/[\s:]/)[0]));
    expect([...named].sort()).toEqual(
      [
        'ADMIN_PASSWORD',
        'DATABASE_URL',
        'DEMO_DATA',
        'EMBEDDED_PG_PORT',
        'JWT_SECRET',
        'LOG_LEVEL',
        'PORT',
      ].sort(),
    );
    // The message lists every problem, one per line, so the operator sees them all at once.
    expect(message.startsWith('Invalid environment:\n  - ')).toBe(true);
    for (const problem of problems) expect(message).toContain(`\n  - ${problem}`);
  });

  it('never echoes a rejected secret value in its messages', () => {
    const secret = 'changeme-but-this-is-the-real-one-9f8e7d';
    const password = 'pass word 2026';
    const problems = problemsOf({ JWT_SECRET: secret, ADMIN_PASSWORD: password });
    expect(problems.length).toBe(2);
    for (const problem of problems) {
      expect(problem).not.toContain(secret);
      expect(problem).not.toContain(password);
    }
  });

  it.each([
    ['loopback', 'loopback'],
    ['10.0.0.0/8, 192.168.1.1', '10.0.0.0/8, 192.168.1.1'],
    ['false', 'false'],
  ])('accepts TRUST_PROXY=%j', (value, expected) => {
    expect(loadEnvironment({ TRUST_PROXY: value }).TRUST_PROXY).toBe(expected);
  });

  it('rejects a TRUST_PROXY that is neither a keyword nor addresses', () => {
    expect(problemsOf({ TRUST_PROXY: 'everyone' })).toEqual([
      expect.stringMatching(/^TRUST_PROXY/),
    ]);
  });

  it('accepts a cron schedule and rejects what is not one', () => {
    expect(loadEnvironment({ SILENT_PERIOD_CRON: '0 */2 * * *' }).SILENT_PERIOD_CRON).toBe(
      '0 */2 * * *',
    );
    expect(problemsOf({ SILENT_PERIOD_CRON: 'every 15 minutes' })).toEqual([
      expect.stringMatching(/^SILENT_PERIOD_CRON must be a cron expression/),
    ]);
  });

  it('bounds CONFIRMATION_TTL_HOURS', () => {
    expect(problemsOf({ CONFIRMATION_TTL_HOURS: '0' })).toEqual([
      expect.stringMatching(/^CONFIRMATION_TTL_HOURS/),
    ]);
    expect(loadEnvironment({ CONFIRMATION_TTL_HOURS: '24' }).CONFIRMATION_TTL_HOURS).toBe(24);
  });

  it('treats an empty PORT as unset and uses the default', () => {
    expect(loadEnvironment({ PORT: '' }).PORT).toBe(3000);
  });

  it('reads process.env when called without an argument', () => {
    const saved = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'not-a-level';
    try {
      expect(() => loadEnvironment()).toThrow(EnvironmentError);
    } finally {
      if (saved === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = saved;
    }
  });
});
