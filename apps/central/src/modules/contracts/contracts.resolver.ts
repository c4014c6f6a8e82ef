import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DEALER_ROLES, Roles, TENANT_ROLES } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { Loaders, RequestLoaders } from '../../platform/graphql/request-loaders.js';
import {
  AttachDevicesToContractInput,
  ContractDevicesArgs,
  ContractsArgs,
  CreateContractInput,
  DetachDeviceFromContractInput,
  UpdateContractInput,
} from './contract.inputs.js';
import { Contract, ContractConnection, ContractDevice } from './contract.model.js';
import { ContractDevicesLoader } from './contract-devices.loader.js';
import { ContractsService } from './contracts.service.js';

@Resolver(() => Contract)
export class ContractsResolver {
  constructor(
    @Inject(ContractsService) private readonly service: ContractsService,
    @Inject(ContractDevicesLoader) private readonly loader: ContractDevicesLoader,
  ) {}

  @Roles(...TENANT_ROLES)
  @Query(() => ContractConnection, { description: 'Contracts, oldest first.' })
  contracts(@Args() args: ContractsArgs): Promise<ContractConnection> {
    return this.service.list(args);
  }

  @Roles(...TENANT_ROLES)
  @Query(() => Contract)
  contract(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Contract> {
    return this.service.get(id);
  }

  @Roles(...DEALER_ROLES)
  @Mutation(() => Contract, { description: 'Audited (contract.create).' })
  createContract(@Args('input') input: CreateContractInput): Promise<Contract> {
    return this.service.create(input);
  }

  @Roles(...DEALER_ROLES)
  @Mutation(() => Contract, {
    description:
      'Changes the terms of an active contract; audited with before and after. Start meters already recorded stay.',
  })
  updateContract(@Args('input') input: UpdateContractInput): Promise<Contract> {
    return this.service.update(input);
  }

  @Roles(...DEALER_ROLES)
  @Mutation(() => Contract, {
    description: 'Ends the contract now: every device under it leaves with its end meters.',
  })
  endContract(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Contract> {
    return this.service.end(id);
  }

  @Roles(...DEALER_ROLES)
  @Mutation(() => [ContractDevice], {
    description:
      "Puts devices of the contract's customer under it, each with its start meters (newest read of the billed meters). A device under another contract is a CONFLICT; one already under this one is left as it is.",
  })
  attachDevicesToContract(
    @Args('input') input: AttachDevicesToContractInput,
  ): Promise<ContractDevice[]> {
    return this.service.attach(input);
  }

  @Roles(...DEALER_ROLES)
  @Mutation(() => ContractDevice, {
    description: 'Takes a device out of the contract, recording its end meters.',
  })
  detachDeviceFromContract(
    @Args('input') input: DetachDeviceFromContractInput,
  ): Promise<ContractDevice> {
    return this.service.detach(input);
  }

  @ResolveField(() => [ContractDevice], { description: 'Devices under it, oldest first.' })
  devices(
    @Parent() contract: Contract,
    @Args() args: ContractDevicesArgs,
    @Loaders() loaders: RequestLoaders,
  ): Promise<ContractDevice[]> {
    return this.loader.devicesOf(loaders, contract.id, args.includeDetached ?? false);
  }
}
