"""Non-food products of the demo shop: cleaning, household and personal care.

All carry the standard 21 % VAT rate and none are perishable.
"""

from __future__ import annotations

from retail_assistant.demo.records import Group, Item

__all__ = ["NONFOOD_GROUPS"]

_CLEANING = (
    Item("Washing-up liquid 750 ml", "Lavavajillas a mano 750 ml", "bottle", "1.45", 1.5),
    Item("Dishwasher tablets 40 pack", "Pastillas para lavavajillas 40 unidades", "box", "6.95",
         0.4),
    Item("Laundry detergent 40 washes", "Detergente para lavadora 40 lavados", "bottle", "8.95",
         0.5),
    Item("Fabric softener 2 l", "Suavizante para ropa 2 l", "bottle", "2.95", 0.4),
    Item("Bleach 2 l", "Lejía 2 l", "bottle", "1.15", 1.0),
    Item("Multi-surface cleaner 1 l", "Limpiador multiusos 1 l", "bottle", "1.95", 0.6),
    Item("Floor cleaner 1.5 l", "Friegasuelos 1,5 l", "bottle", "2.25", 0.6),
    Item("Glass cleaner 750 ml", "Limpiacristales 750 ml", "bottle", "1.89", 0.3),
    Item("Scouring pads 3 pack", "Estropajos 3 unidades", "pack", "1.25", 0.6),
    Item("Kitchen sponge cloths 3 pack", "Bayetas de cocina 3 unidades", "pack", "1.65", 0.4),
    Item("Rubbish bags 30 l 15 pack", "Bolsas de basura 30 l 15 unidades", "pack", "1.35", 1.0),
    Item("Rubber gloves size M", "Guantes de goma talla M", "pack", "1.75", 0.3),
    Item("Kitchen roll 2 pack", "Papel de cocina 2 rollos", "pack", "2.49", 1.0),
    Item("Toilet paper 12 rolls", "Papel higiénico 12 rollos", "pack", "4.95", 1.2),
)

_HOUSEHOLD = (
    Item("Matches 3 boxes", "Cerillas 3 cajas", "pack", "0.99", 0.3),
    Item("White candles 4 pack", "Velas blancas 4 unidades", "pack", "2.50", 0.2, "winter"),
    Item("Aluminium foil 30 m", "Papel de aluminio 30 m", "unit", "2.25", 0.4, "xmas"),
    Item("Cling film 50 m", "Film transparente 50 m", "unit", "1.95", 0.3),
    Item("Baking paper 10 m", "Papel de horno 10 m", "unit", "1.75", 0.2, "xmas"),
    Item("AA batteries 4 pack", "Pilas AA 4 unidades", "pack", "3.95", 0.2, origin="us"),
    Item("Disposable lighter", "Mechero desechable", "unit", "1.00", 0.3),
    Item("Shower gel 750 ml", "Gel de ducha 750 ml", "bottle", "2.45", 0.5),
    Item("Shampoo 400 ml", "Champú 400 ml", "bottle", "2.95", 0.4),
    Item("Toothpaste 75 ml", "Pasta de dientes 75 ml", "unit", "1.95", 0.5),
    Item("Medium toothbrush", "Cepillo de dientes medio", "unit", "1.95", 0.3),
    Item("Liquid hand soap 500 ml", "Jabón de manos líquido 500 ml", "bottle", "1.49", 0.4),
    Item("Olive oil soap bar 125 g", "Pastilla de jabón de aceite de oliva 125 g", "unit", "1.95",
         0.2),
    Item("Paper napkins 100 pack", "Servilletas de papel 100 unidades", "pack", "1.25", 0.6),
    Item("Paper carrier bag", "Bolsa de papel", "unit", "0.20", 6.0),
    Item("Reusable shopping bag", "Bolsa de la compra reutilizable", "unit", "1.50", 0.5),
)

NONFOOD_GROUPS: tuple[Group, ...] = (
    Group("cleaning", "LIM", "drogueria-levante", 2100, 3500, _CLEANING),
    Group("household", "HOG", "drogueria-levante", 2100, 4000, _HOUSEHOLD),
)
