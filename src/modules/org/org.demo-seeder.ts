import { Injectable } from '@nestjs/common';
import { hashPassword } from '../../core/auth/passwords';
import { Role } from '../../core/auth/roles';
import { TransactionHost } from '../../core/database/transaction-host';
import { DEMO_PASSWORD, demoId, DemoSeeder, DemoSeederOrder } from '../../core/seed/demo-seeder';
import { OrgUnitType } from './org-unit.entity';

interface DemoUnit {
  name: string;
  type: OrgUnitType;
  parent?: string;
  manager?: string;
}

interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  unit: string;
  supervisor?: string;
}

/** The 华东 region of a distributor: an industrial-parts team, an FMCG channel team and two bakery stores. */
const UNITS: DemoUnit[] = [
  { name: '华东大区', type: 'region', manager: 'zhou.region' },
  { name: '杭州工业配件组', type: 'team', parent: '华东大区', manager: 'li.supervisor' },
  { name: '上海快消渠道组', type: 'team', parent: '华东大区', manager: 'sun.supervisor' },
  { name: '西湖烘焙店', type: 'store', parent: '华东大区', manager: 'wu.store' },
  { name: '滨江烘焙店', type: 'store', parent: '华东大区', manager: 'he.store' },
];

const USERS: DemoUser[] = [
  { username: 'chen.director', displayName: '陈志远', roles: ['sales_director'], unit: '华东大区' },
  {
    username: 'zhou.region',
    displayName: '周海峰',
    roles: ['regional_director'],
    unit: '华东大区',
    supervisor: 'chen.director',
  },
  {
    username: 'qian.ops',
    displayName: '钱晓雯',
    roles: ['ops_director'],
    unit: '华东大区',
    supervisor: 'chen.director',
  },
  { username: 'zheng.finance', displayName: '郑丽娟', roles: ['finance_bp'], unit: '华东大区' },
  {
    username: 'li.supervisor',
    displayName: '李建国',
    roles: ['supervisor'],
    unit: '杭州工业配件组',
    supervisor: 'zhou.region',
  },
  {
    username: 'sun.supervisor',
    displayName: '孙佳琪',
    roles: ['supervisor'],
    unit: '上海快消渠道组',
    supervisor: 'zhou.region',
  },
  {
    username: 'wu.store',
    displayName: '吴晓燕',
    roles: ['store_manager'],
    unit: '西湖烘焙店',
    supervisor: 'qian.ops',
  },
  {
    username: 'he.store',
    displayName: '何静',
    roles: ['store_manager'],
    unit: '滨江烘焙店',
    supervisor: 'qian.ops',
  },
  {
    username: 'wang.rep',
    displayName: '王磊',
    roles: ['rep'],
    unit: '杭州工业配件组',
    supervisor: 'li.supervisor',
  },
  {
    username: 'zhao.rep',
    displayName: '赵敏',
    roles: ['rep'],
    unit: '杭州工业配件组',
    supervisor: 'li.supervisor',
  },
  {
    username: 'liu.rep',
    displayName: '刘洋',
    roles: ['rep'],
    unit: '上海快消渠道组',
    supervisor: 'sun.supervisor',
  },
  {
    username: 'xu.rep',
    displayName: '徐婷',
    roles: ['rep'],
    unit: '西湖烘焙店',
    supervisor: 'wu.store',
  },
  { username: 'erp.bridge', displayName: 'ERP 集成账号', roles: ['integrator'], unit: '华东大区' },
];

@Injectable()
@DemoSeederOrder(10)
export class OrgDemoSeeder implements DemoSeeder {
  constructor(private readonly tx: TransactionHost) {}

  async seed(): Promise<void> {
    const unitId = (name: string) => demoId('org_unit', name);
    const userId = (username: string) => demoId('user', username);
    for (const unit of UNITS) {
      await this.tx.query(
        `INSERT INTO org_units (id, name, type, parent_id) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
        [unitId(unit.name), unit.name, unit.type, unit.parent ? unitId(unit.parent) : null],
      );
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const user of USERS) {
      await this.tx.query(
        `INSERT INTO users (id, username, password_hash, display_name, roles, org_unit_id)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [
          userId(user.username),
          user.username,
          passwordHash,
          user.displayName,
          user.roles,
          unitId(user.unit),
        ],
      );
    }
    // Links go in after every row exists; only rows still unlinked are touched, so edits survive a re-seed.
    for (const user of USERS.filter((candidate) => candidate.supervisor)) {
      await this.tx.query(
        `UPDATE users SET supervisor_id = $2 WHERE id = $1 AND supervisor_id IS NULL`,
        [userId(user.username), userId(user.supervisor!)],
      );
    }
    for (const unit of UNITS.filter((candidate) => candidate.manager)) {
      await this.tx.query(
        `UPDATE org_units SET manager_id = $2 WHERE id = $1 AND manager_id IS NULL`,
        [unitId(unit.name), userId(unit.manager!)],
      );
    }
  }
}
