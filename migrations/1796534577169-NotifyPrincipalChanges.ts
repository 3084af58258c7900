import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every replica caches principals (who a token or API key is, with its
 * roles). Any change to users or API keys, by the API or by hand in SQL,
 * notifies the channel at commit, and each replica drops its cache at once.
 */
export class NotifyPrincipalChanges1796534577169 implements MigrationInterface {
  name = 'NotifyPrincipalChanges1796534577169';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_principals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('principals_changed', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of ['users', 'api_keys']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_notify_principals_changed
        AFTER UPDATE OR DELETE OR TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION notify_principals_changed()`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['users', 'api_keys']) {
      await queryRunner.query(`DROP TRIGGER ${table}_notify_principals_changed ON "${table}"`);
    }
    await queryRunner.query('DROP FUNCTION notify_principals_changed()');
  }
}
