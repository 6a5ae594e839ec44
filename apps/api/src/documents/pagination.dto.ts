import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

/** Strict integer parsing for query strings: '2' → 2, anything else stays as is and fails @IsInt. */
export const toInt = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value);

/** `?page=1&pageSize=20` (pageSize ≤ 100). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 20;
}

/** A page of a list: its `items` of `itemType`, then `page`, `pageSize` and `total` (before paging). */
export function PageOf<T>(itemType: Type<T>) {
  class Page {
    @ApiProperty({ type: [itemType] }) items!: T[];
    @ApiProperty() page!: number;
    @ApiProperty() pageSize!: number;
    @ApiProperty() total!: number;
  }
  return Page;
}
