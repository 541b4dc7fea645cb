import { Global, Module } from '@nestjs/common';
import { CustomerIdHasher } from './customer-id-hasher';

@Global()
@Module({ providers: [CustomerIdHasher], exports: [CustomerIdHasher] })
export class PrivacyModule {}
