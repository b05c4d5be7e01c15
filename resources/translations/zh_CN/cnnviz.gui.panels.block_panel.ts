<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.block_panel</name>
    <message>
      <location filename="cnnviz/gui/panels/block_panel.py" />
      <source>Drop an image to see its blocks</source>
      <translation>拖入一张图像，查看它的模块</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/block_panel.py" />
      <source>Previous {noun}</source>
      <translation>上一个{noun}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/block_panel.py" />
      <source>Next {noun}</source>
      <translation>下一个{noun}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/block_panel.py" />
      <source>Block</source>
      <translation>模块</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/block_panel.py" />
      <source>Select {a_noun} or a layer inside one in the model tree (this model has {count}: {names}).</source>
      <translation>请在模型树中选择{a_noun}或其中的某一层（此模型共有 {count} 个：{names}）。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/block_panel.py" />
      <source>Show {block}</source>
      <translation>显示 {block}</translation>
    </message>
  </context>
</TS>
