import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import { CreatePlaybookDto, PlaybookPage, PlaybookResponse } from './playbook.dto';

const CONTENT = [
  '## 客户说“别家更便宜”时',
  '1. 先确认对方比较的型号与数量，避免拿标准件对比定制件。',
  '2. 强调交期：现货两周到货，缺货赔付写进合同。',
  '3. 可让步：月结 30 天，或批量 500 件以上再让 3%。',
].join('\n');

export const CREATE_PLAYBOOK_EXAMPLE: CreatePlaybookDto = {
  title: '工业配件竞品对比话术包',
  kind: 'competitor_comparison',
  content: CONTENT,
  attachmentIds: [EXAMPLE_IDS.attachment],
};

export const PLAYBOOK_EXAMPLE: PlaybookResponse = {
  id: EXAMPLE_IDS.playbook,
  title: '工业配件竞品对比话术包',
  kind: 'competitor_comparison',
  content: CONTENT,
  attachmentIds: [EXAMPLE_IDS.attachment],
  createdBy: EXAMPLE_IDS.supervisor,
  createdAt: '2026-11-25T08:00:00.000Z',
  version: 1,
};

export const PLAYBOOK_PAGE_EXAMPLE: PlaybookPage = { items: [PLAYBOOK_EXAMPLE], nextCursor: null };
