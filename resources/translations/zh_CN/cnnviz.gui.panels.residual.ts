<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.residual</name>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>Click a unit to outline its receptive field on the input.</source>
      <translation>点击一个单元，在输入上框出它的感受野。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>Residual</source>
      <translation>残差</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>residual block</source>
      <translation>残差模块</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>a residual block</source>
      <translation>一个残差模块</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>||F(x)|| / ||shortcut||</source>
      <translation>||F(x)|| / ||捷径连接||</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>&lt;b&gt;Every residual block for this image&lt;/b&gt;: how large F(x) is next to what the shortcut adds (x itself, or its projection); click a bar to select its block</source>
      <translation>&lt;b&gt;这张图像在每个残差模块中的情况&lt;/b&gt;：F(x) 与捷径连接加上的量（x 本身或它的投影）相比有多大；点击柱条可选中对应模块</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>{model} has no residual blocks: no layer adds its input back to what it computed.
Try resnet18, resnet50, mobilenet_v2 or mnist_residual.</source>
      <translation>{model} 没有残差模块：没有哪一层把输入加回到它的计算结果上。
可以试试 resnet18、resnet50、mobilenet_v2 或 mnist_residual。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>identity: x is added unchanged</source>
      <translation>恒等映射：x 原样相加</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>projection: x is first reshaped by a 1×1 convolution (and batch norm) to match F(x)</source>
      <translation>投影：x 先经过 1×1 卷积（和批归一化）变换形状，以匹配 F(x)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>Inception-ResNet: {path} (the Inception dock shows the branches).</source>
      <translation>Inception-ResNet：{path}（Inception 面板显示各分支）。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>&lt;b&gt;{path}&lt;/b&gt; ({type}), shortcut is {kind}. One colour scale for all: ±{vmax} ({cmap}).</source>
      <translation>&lt;b&gt;{path}&lt;/b&gt;（{type}），捷径连接为{kind}。全部使用同一色标：±{vmax}（{cmap}）。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>{channels} ch, first {shown}, {h}×{w}</source>
      <translation>{channels} 通道，显示前 {shown} 个，{h}×{w}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>{channels} ch, {h}×{w}</source>
      <translation>{channels} 通道，{h}×{w}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>||shortcut(x)||</source>
      <translation>||捷径连接(x)||</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>the residual path adds more than it passes through</source>
      <translation>残差路径加上的比捷径连接传过来的还多</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/residual.py" />
      <source>the residual path is a correction on top of what the shortcut passes through</source>
      <translation>残差路径是在捷径连接传过来的值之上做的修正</translation>
    </message>
  </context>
</TS>
