<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.filters</name>
    <message>
      <location filename="cnnviz/gui/panels/filters.py" />
      <source>auto</source>
      <translation>自动</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/filters.py" />
      <source>RGB tiles</source>
      <translation>RGB 小图</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/filters.py" />
      <source>grid: filters × inputs</source>
      <translation>网格：滤波器 × 输入通道</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/filters.py" />
      <source>channel mean</source>
      <translation>通道平均</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/filters.py" />
      <source>Hover over the filters to read a weight.</source>
      <translation>鼠标悬停在滤波器上可读取权重。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/filters.py" />
      <source>Load a model to see its filters</source>
      <translation>加载一个模型，查看它的滤波器</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/filters.py" />
      <source>Select a convolution or linear layer to see its filters</source>
      <translation>请选择一个卷积层或线性层，查看它的滤波器</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/filters.py" />
      <source>Filters</source>
      <translation>滤波器</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/filters.py" />
      <source>weight</source>
      <translation>权重</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/filters.py" />
      <source>count</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/filters.py" />
      <source>Show</source>
      <translation>显示</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/filters.py" />
      <source>weights {shape} ({count} values)</source>
      <translation>权重 {shape}（{count} 个值）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/filters.py" />
      <source> — drag to see the rest, wheel to zoom</source>
      <translation> —— 拖动查看其余部分，滚轮缩放</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/filters.py" />
      <source>weights: min {min}   max {max}   mean {mean}   std {std}   (all {count} of this layer)</source>
      <translation>权重：最小 {min}   最大 {max}   均值 {mean}   标准差 {std}   （本层全部 {count} 个）</translation>
    </message>
  </context>
</TS>
