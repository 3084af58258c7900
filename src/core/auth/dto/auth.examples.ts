import { EXAMPLE_IDS } from '../../openapi/example-ids';
import { LoginDto, LoginResponse, RefreshTokenDto, SessionTokensResponse } from './login.dto';

export const LOGIN_EXAMPLE: LoginDto = { username: 'wanglei', password: 'Hz-2026-Spring!' };

const TOKENS_EXAMPLE: SessionTokensResponse = {
  accessToken:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1YjFlN2MyYS05ZDRmLTRlNmItOGEzYy0xZjJlM2Q0YzViNmEiLCJzaWQiOiI3ZTFhIiwiaWF0IjoxNzk2NTI5NDAwLCJleHAiOjE3OTY1MzAzMDB9.kJ2m8Qx4Vt7Lp0Nz3Rc6Yb9Wd1Fh5Gs8Ju2Ke4Ma7Pq',
  expiresIn: 900,
  refreshToken: 'rt_7e1aZk3pQ9vL2xN8cT5wYb4RdF0gH6sJ1uM3oA9qWe',
  refreshExpiresIn: 2_592_000,
};

export const LOGIN_RESULT_EXAMPLE: LoginResponse = {
  ...TOKENS_EXAMPLE,
  user: { id: EXAMPLE_IDS.rep, username: 'wanglei', displayName: '王磊', roles: ['rep'] },
};

export const REFRESH_EXAMPLE: RefreshTokenDto = { refreshToken: TOKENS_EXAMPLE.refreshToken };

export const REFRESHED_TOKENS_EXAMPLE: SessionTokensResponse = {
  ...TOKENS_EXAMPLE,
  refreshToken: 'rt_7e1aM4nB8vC2xZ6lK0jH3gF9dS5aQ1wE7rT2yU8iOp',
};
