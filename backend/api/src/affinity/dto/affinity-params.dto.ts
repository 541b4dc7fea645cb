import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ProductSkuParamDto {
  @ApiProperty({ description: 'Product code', example: 'DOM-OJ-01' })
  @IsString()
  @Length(1, 64)
  sku!: string;
}

export class StoreCodeParamDto {
  @ApiProperty({ description: 'Store code', example: 'S001' })
  @IsString()
  @Length(1, 64)
  code!: string;
}
