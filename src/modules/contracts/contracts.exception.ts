import { DomainException } from '../../core/errors/domain.exception';
import { catalogue } from '../../core/i18n/text';

export const ContractErrorCode = {
  CONTRACT_EXISTS: 'CONTRACT_EXISTS',
  DUPLICATE_CONTRACT_NO: 'DUPLICATE_CONTRACT_NO',
} as const;

export const contractMessages = catalogue({
  contract: { en: 'Contract', zh: '合同' },
  order: { en: 'Order', zh: '订单' },
  contractExists: (id: string) => ({
    en: `This quote already has a contract: ${id}`,
    zh: `该报价单已签订合同：${id}`,
  }),
  duplicateContractNo: (id: string) => ({
    en: `Another contract has this number: ${id}`,
    zh: `合同编号已被其他合同使用：${id}`,
  }),
  numberTaken: { en: 'is taken by another contract', zh: '已被其他合同使用' },
});

/** A quote makes one contract; a second signing gets 409 with the first contract's id. */
export class ContractExistsException extends DomainException {
  constructor(contractId: string) {
    super(
      'conflict',
      ContractErrorCode.CONTRACT_EXISTS,
      contractMessages.contractExists(contractId),
      {
        extensions: { contractId },
      },
    );
  }
}

export class DuplicateContractNoException extends DomainException {
  constructor(contractId: string) {
    super(
      'conflict',
      ContractErrorCode.DUPLICATE_CONTRACT_NO,
      contractMessages.duplicateContractNo(contractId),
      {
        errors: [{ field: 'contractNo', message: contractMessages.numberTaken }],
        extensions: { contractId },
      },
    );
  }
}
